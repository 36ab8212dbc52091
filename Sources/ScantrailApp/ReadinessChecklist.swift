import Foundation
import ScantrailCore
import ScantrailReports
import ScantrailStore

/// The ten-item API security checklist of the readiness report. Three items the evidence trail
/// can show (authentication on every operation, TLS and certificates, regular external scans with
/// remediation); the rest only people can state, in the attestation file. Nothing is ever shown as
/// met without one or the other.
public enum ReadinessChecklist {
    /// One item: its id (as attestations name it) and what it asks.
    public struct Definition: Sendable, Hashable {
        /// The id, as the attestation file names it.
        public let id: String
        /// What it asks.
        public let text: String
        /// Whether the evidence trail can verify it.
        public let verifiable: Bool
    }

    /// The checklist.
    public static let items: [Definition] = [
        .init(id: "authentication", text: "Every endpoint requires authentication", verifiable: true),
        .init(id: "tls", text: "TLS 1.2 or later only, and certificates monitored", verifiable: true),
        .init(
            id: "key-management", text: "API key issuance, rotation and revocation are documented", verifiable: false),
        .init(id: "logging", text: "Centralized logs kept at least 90 days", verifiable: false),
        .init(id: "auth-alerting", text: "Alerting on authentication failures", verifiable: false),
        .init(id: "external-scans", text: "Regular external scans, with findings remediated", verifiable: true),
        .init(id: "dependency-scanning", text: "Dependency scanning in CI", verifiable: false),
        .init(id: "code-review", text: "Code review before deploy", verifiable: false),
        .init(id: "incident-runbook", text: "An incident response runbook", verifiable: false),
        .init(id: "vendor-management", text: "Vendors assessed, with data processing agreements", verifiable: false),
    ]

    /// Every item judged: the verifiable ones from `scans` (oldest first), `gaps`, the scheduled
    /// runs missed and `findings`; the others from `attestations` current at `end`.
    static func evaluate(
        scans: [(record: ScanRecord, result: ScanResult)], gaps: [ReadinessReport.Gap], cadenceDays: Int,
        missedRuns: [Date] = [], findings: [TrackedFinding], attestations: [AttestationFile.Attestation], end: Date
    ) -> [ReadinessReport.Item] {
        items.map { item in
            let (state, basis): (ReadinessReport.ItemState, String)
            switch item.id {
            case "authentication": (state, basis) = authentication(scans)
            case "tls": (state, basis) = tls(scans)
            case "external-scans":
                (state, basis) = externalScans(
                    scans, gaps: gaps, cadenceDays: cadenceDays, missedRuns: missedRuns, findings: findings, end: end)
            default: (state, basis) = attested(item.id, attestations, end: end)
            }
            return ReadinessReport.Item(id: item.id, text: item.text, state: state, basis: basis)
        }
    }

    private static func latest(_ checkID: String, in scans: [(record: ScanRecord, result: ScanResult)])
        -> (record: ScanRecord, run: CheckRun)?
    {
        for scan in scans.reversed() {
            if let run = scan.result.checks.first(where: { $0.checkID == checkID }) { return (scan.record, run) }
        }
        return nil
    }

    static func authentication(_ scans: [(record: ScanRecord, result: ScanResult)]) -> (
        ReadinessReport.ItemState, String
    ) {
        guard let (record, run) = latest("auth.authentication", in: scans),
            run.outcomes.contains(where: { $0.status == .passed || $0.status == .failed })
        else {
            return (
                .gap, "authentication was not tested in the period: scan with an OpenAPI description and identities"
            )
        }
        let operations = Set(run.outcomes.filter { $0.status != .inconclusive }.map(\.location.display))
        let failed = Set(run.outcomes.filter { $0.status == .failed }.map(\.location.display))
        guard failed.isEmpty else {
            return (
                .gap,
                "\(failed.count) of \(operations.count) operations failed authentication rules in scan #\(record.sequence)"
            )
        }
        let untested = Set(run.outcomes.filter { $0.status == .inconclusive }.map(\.location.display)).subtracting(
            operations)
        let caveat = untested.isEmpty ? "" : "; \(untested.count) could not be tested"
        return (
            .verified,
            "all \(operations.count) tested operations required valid credentials in scan #\(record.sequence)\(caveat)"
        )
    }

    static func tls(_ scans: [(record: ScanRecord, result: ScanResult)]) -> (ReadinessReport.ItemState, String) {
        guard let (record, run) = latest("tls.configuration", in: scans) else {
            return (.gap, "TLS was not probed in the period")
        }
        let judged = run.outcomes.filter { $0.status == .passed || $0.status == .failed }
        guard !judged.isEmpty else {
            return (
                .gap,
                "no TLS to judge in scan #\(record.sequence): \(run.outcomes.first?.detail ?? "a cleartext target")"
            )
        }
        let failed = judged.filter {
            $0.status == .failed && ($0.ruleID.hasPrefix("tls.protocol") || $0.ruleID.hasPrefix("cert."))
        }
        guard failed.isEmpty else {
            return (.gap, "scan #\(record.sequence) failed \(failed.map(\.ruleID).sorted().joined(separator: ", "))")
        }
        let probed = scans.count { scan in
            scan.result.checks.contains { $0.checkID == "tls.configuration" && !$0.outcomes.isEmpty }
        }
        return (
            .verified,
            "no legacy protocol and a valid, trusted certificate in scan #\(record.sequence); TLS probed in \(probed) scans of the period"
        )
    }

    static func externalScans(
        _ scans: [(record: ScanRecord, result: ScanResult)], gaps: [ReadinessReport.Gap], cadenceDays: Int,
        missedRuns: [Date] = [], findings: [TrackedFinding], end: Date
    ) -> (ReadinessReport.ItemState, String) {
        guard !scans.isEmpty else { return (.gap, "no scan was recorded in the period") }
        if let longest = gaps.max(by: { $0.days < $1.days }) {
            let count = gaps.count == 1 ? "a stretch" : "\(gaps.count) stretches"
            return (.gap, "\(count) of more than \(cadenceDays) days without a scan, the longest \(longest.days) days")
        }
        if let first = missedRuns.min() {
            let count = missedRuns.count == 1 ? "a scheduled run" : "\(missedRuns.count) scheduled runs"
            return (.gap, "\(count) missed, the first due \(Timestamp.text(first))")
        }
        let missed = findings.filter { $0.slaStatus(at: end) == .missed || $0.slaStatus(at: end) == .openOverdue }
        guard missed.isEmpty else {
            return (.gap, "\(missed.count) findings missed their remediation deadline")
        }
        return (
            .verified, "\(scans.count) scans, never more than \(cadenceDays) days apart; no remediation deadline missed"
        )
    }

    static func attested(_ id: String, _ attestations: [AttestationFile.Attestation], end: Date)
        -> (ReadinessReport.ItemState, String)
    {
        let matching = attestations.filter { $0.item == id }.sorted { $0.expiry > $1.expiry }
        guard let best = matching.first else { return (.gap, "not attested") }
        guard best.expiry >= end else { return (.gap, "the attestation by \(best.owner) expired on \(best.expires)") }
        return (.attested, "attested by \(best.owner) on \(best.date), until \(best.expires): \(best.document)")
    }
}
