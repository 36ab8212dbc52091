import Foundation
import ScantrailCore
import ScantrailReports
import ScantrailStore

/// Builds the SOC 2 readiness report of a target over a period from the evidence trail.
public enum ReadinessAssessment {
    /// The criteria in scope, with what each is about.
    public static let criteria: [(TrustServicesCriterion, String)] = [
        (.cc6_1, "Logical access: authentication before access, encryption"),
        (.cc6_2, "Credentials issued and revoked properly"), (.cc6_3, "Least privilege and role-based access"),
        (.cc6_6, "Boundary protection against outside threats"), (.cc6_7, "Data protected in transit"),
        (.cc7_1, "Vulnerabilities identified regularly"), (.cc7_2, "Monitoring for anomalies and attacks"),
        (.cc7_4, "Identified vulnerabilities remediated"), (.cc8_1, "Changes authorized and tested before production"),
        (.a1_1, "Capacity managed for availability"), (.c1_1, "Confidential information protected"),
    ]

    /// The report of `target` in `period`, with `attestations` (a file) and scans expected at
    /// least every `cadenceDays` days.
    ///
    /// - Throws: ``AppError`` for an unreadable attestation file or a store that cannot be used.
    public static func report(
        target: String, period: ReportPeriod, attestations: String?, cadenceDays: Int, settings: StoreSettings
    ) async throws -> ReadinessReport {
        let url = try ScanTarget(parsing: target).url
        let statements = try attestations.map { try AttestationFile.load($0).attestations } ?? []
        return try await settings.withStore { store in
            var scans: [(record: ScanRecord, result: ScanResult)] = []
            for record in try await store.scans(target: url) where period.contains(record.observedAt) {
                scans.append((record, try await store.result(of: record)))
            }
            let findings = try await store.findings(target: url)
            var proofs: [Fingerprint: String] = [:]
            for finding in findings where finding.fixedAt.map(period.contains) == true {
                if let proof = try await store.finding(finding.id).proofOfFix {
                    proofs[finding.fingerprint] =
                        "failing in scan \(proof.failing.reference.scanID.prefix(8)) (sha256 \(proof.failing.reference.sha256.prefix(12))…), "
                        + "\(proof.passing.reference.outcome == .notApplicable ? "gone" : "passing") in scan "
                        + "\(proof.passing.reference.scanID.prefix(8)) (sha256 \(proof.passing.reference.sha256.prefix(12))…)"
                }
            }
            let now = Date()
            var monitoring: ReadinessReport.Monitoring?
            if let target = try await store.monitoredTargets().first(where: { $0.url == url }) {
                let times = try await store.scans(target: url).map(\.observedAt)
                monitoring = ReadinessReport.Monitoring(
                    schedule: target.schedule,
                    missedRuns: target.missedRuns(from: period.start, until: min(period.end, now), scans: times))
            }
            let tickets = Dictionary(
                try await store.tickets(target: url).map { ($0.fingerprint, $0.url) }, uniquingKeysWith: { $1 })
            return evaluate(
                target: url, period: period, scans: scans, findings: findings, proofs: proofs, attestations: statements,
                cadenceDays: cadenceDays, monitoring: monitoring, tickets: tickets, catalogue: .shipped, now: now)
        }
    }

    /// The report from what the trail holds: pure, so it is tested without a store.
    static func evaluate(
        target: String, period: ReportPeriod, scans: [(record: ScanRecord, result: ScanResult)],
        findings: [TrackedFinding], proofs: [Fingerprint: String], attestations: [AttestationFile.Attestation],
        cadenceDays: Int, monitoring: ReadinessReport.Monitoring? = nil, tickets: [Fingerprint: String] = [:],
        catalogue: RuleCatalogue, now: Date
    ) -> ReadinessReport {
        let end = min(period.end, now)
        let gaps = Self.gaps(scans.map(\.record.observedAt), from: period.start, to: end, cadenceDays: cadenceDays)
        let checklist = ReadinessChecklist.evaluate(
            scans: scans, gaps: gaps, cadenceDays: cadenceDays, missedRuns: monitoring?.missedRuns ?? [],
            findings: findings, attestations: attestations, end: end)
        let lines = criteria.map { criterion, title in
            Self.criterion(
                criterion, title: title, scans: scans, findings: findings, proofs: proofs, tickets: tickets,
                period: period,
                checklist: checklist, catalogue: catalogue, end: end)
        }
        return ReadinessReport(
            target: target, periodStart: period.start, periodEnd: period.end, generatedAt: now, scanner: .current,
            scans: scans.map {
                ReadinessReport.Scan(
                    sequence: $0.record.sequence, id: $0.record.id, observedAt: $0.record.observedAt,
                    completion: $0.record.completion, passed: $0.record.counts.passed, failed: $0.record.counts.failed)
            }, cadenceDays: cadenceDays, gaps: gaps, monitoring: monitoring, criteria: lines, checklist: checklist)
    }

    /// Stretches longer than `cadenceDays` with no scan: from the period's start to the first
    /// scan, between scans, and from the last to the period's end (or now).
    static func gaps(_ times: [Date], from start: Date, to end: Date, cadenceDays: Int) -> [ReadinessReport.Gap] {
        let limit = Double(cadenceDays) * 86_400
        let marks = [start] + times.sorted() + [end]
        return zip(marks, marks.dropFirst()).filter { $1.timeIntervalSince($0) > limit }.map {
            ReadinessReport.Gap(from: $0, to: $1)
        }
    }

    private static func criterion(
        _ id: TrustServicesCriterion, title: String, scans: [(record: ScanRecord, result: ScanResult)],
        findings: [TrackedFinding], proofs: [Fingerprint: String], tickets: [Fingerprint: String],
        period: ReportPeriod, checklist: [ReadinessReport.Item], catalogue: RuleCatalogue, end: Date
    ) -> ReadinessReport.Criterion {
        // Remediation speaks for every finding; the others for their rules' mapping.
        let rules = Set(
            catalogue.rules.filter { id == .cc7_4 || $0.mapping.trustServicesCriteria.contains(id) }.map(\.id))
        var checks: Set<String> = []
        var counts = (passed: 0, failed: 0, inconclusive: 0)
        var evidence: Set<Int> = []
        for scan in scans {
            for run in scan.result.checks {
                let outcomes = run.outcomes.filter { rules.contains($0.ruleID) }
                guard !outcomes.isEmpty else { continue }
                checks.insert(run.checkID)
                evidence.insert(scan.record.sequence)
                counts.passed += outcomes.count { $0.status == .passed }
                counts.failed += outcomes.count { $0.status == .failed }
                counts.inconclusive += outcomes.count { $0.status == .inconclusive }
            }
        }
        let mapped = findings.filter { rules.contains($0.ruleID) }
        let open = mapped.filter { $0.status != .fixed }.map {
            ReadinessReport.FindingLine($0, at: end, proof: nil, ticket: tickets[$0.fingerprint])
        }
        let fixed = mapped.filter { $0.fixedAt.map(period.contains) == true }.map {
            ReadinessReport.FindingLine($0, at: end, proof: proofs[$0.fingerprint], ticket: tickets[$0.fingerprint])
        }
        var note: String?
        if rules.isEmpty {
            let related = id == .cc7_2 ? "auth-alerting" : id == .cc8_1 ? "code-review" : nil
            let item = checklist.first { $0.id == related }
            note =
                "No external scan speaks for \(id.rawValue); it rests on attestation"
                + (item.map { " (checklist: \($0.text.lowercased()) — \($0.state.rawValue))" } ?? "")
        } else if scans.isEmpty {
            note = "No scan of the target was recorded in the period."
        }
        return ReadinessReport.Criterion(
            id: id, title: title, checks: checks.sorted(), passed: counts.passed, failed: counts.failed,
            inconclusive: counts.inconclusive, evidenceScans: evidence.sorted(), open: open, fixed: fixed, note: note)
    }
}
