import Foundation
import ScantrailCore
import ScantrailReports
import Testing

@testable import ScantrailApp
@testable import ScantrailStore

@Suite("The SOC 2 readiness report: verified by the trail, attested by people, or a gap — never assumed")
struct ReadinessTests {
    static let day = 86_400.0
    static let period = try! ReportPeriod(from: "2026-01-01", to: "2026-01-31")
    static let target = ScanTarget(scheme: "https", host: "api.example.test", port: 443)

    static func rule(_ id: String, _ tsc: [TrustServicesCriterion]) -> Rule {
        Rule(
            id: id, title: id, severity: .high, description: "d", remediation: "r",
            mapping: ControlMapping(tsc: tsc, owasp: [.api2], cwe: [CWE(306)]))
    }

    static let auth = rule("auth.unauthenticated-access", [.cc6_1, .cc6_2])
    static let protocolRule = rule("tls.protocol.tls10", [.cc6_7])
    static let catalogue = RuleCatalogue(rules: [auth, protocolRule])

    /// A scan on `day` of January whose checks judged as given.
    static func scan(
        _ sequence: Int, onDay day: Int, auth: Outcome.Status? = .passed, tls: Outcome.Status? = .passed
    ) -> (record: ScanRecord, result: ScanResult) {
        let at = period.start.addingTimeInterval(Double(day - 1) * Self.day)
        var checks: [CheckRun] = []
        func run(_ id: String, _ rule: Rule, _ status: Outcome.Status) -> CheckRun {
            CheckRun(
                checkID: id, title: id, status: .completed, startedAt: at, durationMilliseconds: 1, requestsSent: 1,
                outcomes: [
                    Outcome(ruleID: rule.id, status: status, location: target.location(path: "/me"), detail: "d")
                ],
                evidence: nil, reason: nil)
        }
        if let auth { checks.append(run("auth.authentication", Self.auth, auth)) }
        if let tls { checks.append(run("tls.configuration", Self.protocolRule, tls)) }
        let result = ScanResult(
            scanner: .current, catalogue: catalogue, configuration: ScanConfiguration(), target: target, startedAt: at,
            finishedAt: at, completion: .complete, requestsSent: 2, checks: checks)
        let record = ScanRecord(
            id: "scan-\(sequence)", sequence: sequence, target: target.url, observedAt: at, finishedAt: at,
            recordedAt: at, completion: "complete", scannerVersion: "0.1.0", catalogueVersion: catalogue.version,
            requestsSent: 2, counts: ScanRecord.Counts())
        return (record, result)
    }

    static func attestation(_ item: String, expires: String) -> AttestationFile.Attestation {
        AttestationFile.Attestation(
            item: item, owner: "Dana", date: "2025-06-01", document: "https://wiki.example.test/\(item)",
            expires: expires)
    }

    static func report(
        _ scans: [(record: ScanRecord, result: ScanResult)], attestations: [AttestationFile.Attestation] = [],
        findings: [TrackedFinding] = [], monitoring: ReadinessReport.Monitoring? = nil
    ) -> ReadinessReport {
        ReadinessAssessment.evaluate(
            target: target.url, period: period, scans: scans, findings: findings, proofs: [:],
            attestations: attestations, cadenceDays: 7, monitoring: monitoring, catalogue: catalogue,
            now: period.end.addingTimeInterval(Self.day))
    }

    static func state(_ report: ReadinessReport, _ id: String) -> ReadinessReport.ItemState? {
        report.checklist.first { $0.id == id }?.state
    }

    @Test("weekly scans with authentication and TLS passing verify those three items")
    func verified() {
        let report = Self.report([1, 7, 14, 21, 28].enumerated().map { Self.scan($0.offset + 1, onDay: $0.element) })
        #expect(Self.state(report, "authentication") == .verified)
        #expect(Self.state(report, "tls") == .verified)
        #expect(Self.state(report, "external-scans") == .verified)
        #expect(report.gaps.isEmpty)
    }

    @Test("a failing authentication rule or legacy TLS in the latest scan is a gap, naming the scan")
    func failures() {
        let report = Self.report([Self.scan(1, onDay: 1), Self.scan(2, onDay: 5, auth: .failed, tls: .failed)])
        let authentication = report.checklist.first { $0.id == "authentication" }
        #expect(authentication?.state == .gap && authentication?.basis.contains("scan #2") == true)
        #expect(report.checklist.first { $0.id == "tls" }?.basis == "scan #2 failed tls.protocol.tls10")
    }

    @Test("untested authentication, no TLS and no scan at all are gaps, never passes")
    func untested() {
        let cleartext = Self.report([Self.scan(1, onDay: 1, auth: nil, tls: nil)])
        #expect(Self.state(cleartext, "authentication") == .gap && Self.state(cleartext, "tls") == .gap)
        let none = Self.report([])
        #expect(none.checklist.allSatisfy { $0.state == .gap })
        #expect(none.gaps.map(\.days) == [31])
    }

    @Test("stretches longer than the cadence are listed: from the start, between scans and to the end")
    func gaps() {
        let report = Self.report([Self.scan(1, onDay: 10), Self.scan(2, onDay: 12), Self.scan(3, onDay: 22)])
        #expect(report.gaps.map(\.days) == [9, 10, 10])
        #expect(Self.state(report, "external-scans") == .gap)
    }

    @Test("a monitored target's missed scheduled runs are a cadence gap, listed with their due times")
    func missedScheduledRuns() {
        let weekly = [1, 7, 14, 21, 28].enumerated().map { Self.scan($0.offset + 1, onDay: $0.element) }
        let kept = Self.report(weekly, monitoring: ReadinessReport.Monitoring(schedule: "every 604800", missedRuns: []))
        #expect(Self.state(kept, "external-scans") == .verified)
        #expect(ReadinessMarkdownRenderer().render(kept).contains("Scheduled every 604800: no scheduled run missed."))
        let due = Self.period.start.addingTimeInterval(9 * Self.day)
        let missed = Self.report(
            weekly, monitoring: ReadinessReport.Monitoring(schedule: "every 86400", missedRuns: [due]))
        let item = missed.checklist.first { $0.id == "external-scans" }
        #expect(item?.state == .gap && item?.basis == "a scheduled run missed, the first due 2026-01-10T00:00:00Z")
        #expect(ReadinessMarkdownRenderer().render(missed).contains("- 2026-01-10T00:00:00Z"))
        #expect(
            ReadinessHTMLRenderer().render(missed).contains(
                "1 scheduled run missed:</p><ul><li>2026-01-10T00:00:00Z</li></ul>"))
    }

    @Test("an attestation counts while current; an expired one, or none, is a gap")
    func attestations() {
        let report = Self.report(
            [Self.scan(1, onDay: 1)],
            attestations: [
                Self.attestation("logging", expires: "2027-01-01"),
                Self.attestation("code-review", expires: "2026-01-15"),
            ])
        #expect(Self.state(report, "logging") == .attested)
        let review = report.checklist.first { $0.id == "code-review" }
        #expect(review?.state == .gap && review?.basis == "the attestation by Dana expired on 2026-01-15")
        #expect(report.checklist.first { $0.id == "incident-runbook" }?.basis == "not attested")
    }

    @Test("criteria count their rules' outcomes and name the scans; CC7.2 and CC8.1 rest on attestations")
    func criteria() {
        let report = Self.report([Self.scan(1, onDay: 1), Self.scan(2, onDay: 6, auth: .failed)])
        let cc61 = report.criteria.first { $0.id == .cc6_1 }
        #expect(cc61?.checks == ["auth.authentication"] && cc61?.passed == 1 && cc61?.failed == 1)
        #expect(cc61?.evidenceScans == [1, 2])
        #expect(report.criteria.first { $0.id == .cc6_7 }?.passed == 2)
        #expect(report.criteria.first { $0.id == .cc8_1 }?.note?.contains("rests on attestation") == true)
        #expect(report.criteria.map(\.id.rawValue) == ReadinessAssessment.criteria.map(\.0.rawValue))
    }

    @Test("the attestation file names unknown items and bad dates")
    func attestationFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("att-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func load(_ yaml: String) -> String? {
            let file = folder.appendingPathComponent("a.yaml")
            try? yaml.write(to: file, atomically: true, encoding: .utf8)
            return appError { _ = try AttestationFile.load(file.path) }?.description
        }
        let entry = "  - {item: %@, owner: o, date: 2026-01-01, document: d, expires: %@}\n"
        #expect(load("attestations:\n" + String(format: entry, "logging", "2027-01-01")) == nil)
        #expect(
            load("attestations:\n" + String(format: entry, "coffee", "2027-01-01"))?.contains("unknown item 'coffee'")
                == true)
        #expect(
            load("attestations:\n" + String(format: entry, "logging", "soon"))?.contains("expires 'soon' is not a date")
                == true)
        #expect(
            appError { _ = try AttestationFile.load("/nonexistent.yaml") }?.description
                == "cannot read the attestation file /nonexistent.yaml")
    }

    @Test("the Markdown and HTML forms carry the checklist, the cadence and every criterion")
    func renderers() throws {
        let report = Self.report([Self.scan(1, onDay: 1), Self.scan(2, onDay: 20)])
        let markdown = ReadinessMarkdownRenderer().render(report)
        #expect(markdown.contains("| Every endpoint requires authentication | **verified** |"))
        #expect(markdown.contains("- 2026-01-01 to 2026-01-20: 19 days"))
        #expect(markdown.contains("### CC7.4 — Identified vulnerabilities remediated"))
        let html = ReadinessHTMLRenderer().render(report)
        #expect(html.contains(#"<td class="state gap">gap</td>"#) && !html.contains("<script"))
        let json = try JSONSerialization.jsonObject(with: try ReadinessFormat.json.render(report)) as? [String: Any]
        #expect((json?["checklist"] as? [Any])?.count == 10)
    }
}
