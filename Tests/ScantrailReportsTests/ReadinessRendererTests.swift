import Foundation
import ScantrailCore
import ScantrailStore
import Testing

@testable import ScantrailReports

@Suite("The SOC 2 readiness report renders byte for byte as documented")
struct ReadinessRendererTests {
    static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01

    static var report: ReadinessReport {
        let open = ReadinessReport.FindingLine(
            id: "e9efa6300a48", ruleID: "transport.cleartext-http", severity: .high,
            title: "API answers over cleartext HTTP", location: "GET http://127.0.0.1:8080/", status: .open,
            sla: .openOverdue, dueAt: start.addingTimeInterval(30 * 86_400), fixedAt: nil, proof: nil,
            ticket: "https://github.com/acme/api/issues/7")
        let fixed = ReadinessReport.FindingLine(
            id: "7737ea5c3e09", ruleID: "headers.version-disclosure", severity: .low,
            title: "Response headers disclose software and version", location: "GET http://127.0.0.1:8080/ [Server]",
            status: .fixed, sla: .met, dueAt: start.addingTimeInterval(180 * 86_400),
            fixedAt: start.addingTimeInterval(9 * 86_400),
            proof: "failing in scan 1a2b3c4d (sha256 0f1e2d3c4b5a…), passing in scan 5e6f7a8b (sha256 9a8b7c6d5e4f…)",
            ticket: nil)
        return ReadinessReport(
            target: "http://127.0.0.1:8080/", periodStart: start, periodEnd: start.addingTimeInterval(31 * 86_400),
            generatedAt: start.addingTimeInterval(32 * 86_400),
            scanner: ScannerInfo(name: "scantrail", version: "0.1.0"),
            scans: [
                .init(
                    sequence: 1, id: "1a2b3c4d", observedAt: start.addingTimeInterval(86_400), completion: "complete",
                    passed: 40, failed: 3),
                .init(
                    sequence: 2, id: "5e6f7a8b", observedAt: start.addingTimeInterval(9 * 86_400),
                    completion: "complete", passed: 42, failed: 1),
            ],
            cadenceDays: 7,
            gaps: [.init(from: start.addingTimeInterval(9 * 86_400), to: start.addingTimeInterval(31 * 86_400))],
            monitoring: .init(schedule: "every 1w", missedRuns: [start.addingTimeInterval(22 * 86_400)]),
            criteria: [
                .init(
                    id: .cc6_7, title: "Data protected in transit", checks: ["transport.https"], passed: 2, failed: 2,
                    inconclusive: 0, evidenceScans: [1, 2], open: [open], fixed: [], note: nil),
                .init(
                    id: .cc6_6, title: "Boundary protection against outside threats",
                    checks: ["headers.version-disclosure"],
                    passed: 9, failed: 1, inconclusive: 0, evidenceScans: [1, 2], open: [], fixed: [fixed], note: nil),
                .init(
                    id: .cc8_1, title: "Changes authorized and tested before production", checks: [], passed: 0,
                    failed: 0,
                    inconclusive: 0, evidenceScans: [], open: [], fixed: [],
                    note:
                        "No external scan speaks for CC8.1; it rests on attestation (checklist: code review before deploy — gap)"
                ),
            ],
            checklist: [
                .init(
                    id: "tls", text: "TLS 1.2 or later only, and certificates monitored", state: .gap,
                    basis: "TLS was not probed in the period"),
                .init(
                    id: "logging", text: "Centralized logs kept at least 90 days", state: .attested,
                    basis: "attested by Dana Ops on 2026-01-02, until 2027-01-02: https://wiki.example.test/logs"),
            ])
    }

    @Test("Markdown and HTML match their golden files", arguments: [ReadinessFormat.markdown, .html])
    func golden(format: ReadinessFormat) throws {
        let text = String(decoding: try format.render(Self.report), as: UTF8.self)
        try GoldenFile.check(text, against: "readiness.\(format == .markdown ? "md" : "html")")
    }

    @Test("the JSON form decodes back to the same report")
    func roundTrip() throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let back = try decoder.decode(ReadinessReport.self, from: try ReadinessFormat.json.render(Self.report))
        #expect(back.checklist == Self.report.checklist && back.criteria == Self.report.criteria)
        #expect(back.gaps.map(\.days) == [22])
    }
}
