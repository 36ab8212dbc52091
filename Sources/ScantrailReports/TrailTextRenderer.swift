import Foundation
import ScantrailCore
import ScantrailStore

/// Renders the evidence trail's views for a terminal: scan history, finding lists, one
/// finding's life, scan diffs and the audit log.
public struct TrailTextRenderer: Sendable {
    /// The time SLA states are judged at.
    public let now: Date

    /// Creates a renderer judging SLAs at `now`.
    public init(now: Date) {
        self.now = now
    }

    /// `scantrail history`.
    public func history(_ history: TargetHistory) -> String {
        let scans = history.scans
        guard !scans.isEmpty else { return "No scans recorded.\n" }
        let rows = scans.map { scan in
            [
                "#\(scan.sequence)", String(scan.id.prefix(8)), Timestamp.text(scan.observedAt), scan.target,
                scan.completion,
                "\(scan.counts.passed)/\(scan.counts.failed)/\(scan.counts.inconclusive)",
                "\(scan.counts.new)/\(scan.counts.fixed)/\(scan.counts.reopened)",
            ]
        }
        let heading = ["SCAN", "ID", "OBSERVED", "TARGET", "COMPLETION", "PASS/FAIL/INCONCL", "NEW/FIXED/REOPENED"]
        let states = FindingStatus.allCases.map { "\(history.findingsByStatus[$0] ?? 0) \($0.rawValue)" }
        return
            (TextTable.render([heading] + rows) + [
                "", "\(scans.count) scans · findings now: \(states.joined(separator: ", "))",
            ])
            .joined(separator: "\n") + "\n"
    }

    /// `scantrail findings`.
    public func findings(_ findings: [TrackedFinding]) -> String {
        guard !findings.isEmpty else { return "No findings.\n" }
        let rows = findings.map { finding in
            [
                finding.id, finding.severity.rawValue, finding.status.rawValue, finding.slaStatus(at: now).rawValue,
                finding.dueAt.map(Timestamp.text) ?? "-", finding.ruleID, finding.location.display,
            ]
        }
        let heading = ["ID", "SEVERITY", "STATUS", "SLA", "DUE", "RULE", "LOCATION"]
        return (TextTable.render([heading] + rows) + ["", "\(findings.count) findings"]).joined(separator: "\n") + "\n"
    }

    /// `scantrail finding ID`.
    public func finding(_ history: FindingHistory) -> String {
        let finding = history.finding
        var lines = [
            "\(finding.id)  \(finding.ruleID)  \(finding.title)",
            "  fingerprint   \(finding.fingerprint)",
            "  severity      \(finding.severity.rawValue)",
            "  location      \(finding.location.display)",
            "  status        \(finding.status.rawValue)\(finding.reopenCount > 0 ? " (reopened \(finding.reopenCount)×)" : "")",
            "  SLA           \(finding.slaStatus(at: now).rawValue), due \(finding.dueAt.map(Timestamp.text) ?? "never")",
            "  first seen    \(Timestamp.text(finding.firstSeenAt)) in scan \(finding.firstScanID.prefix(8))",
            "  last failing  \(Timestamp.text(finding.lastSeenAt)) in scan \(finding.lastScanID.prefix(8)): \(finding.lastDetail)",
        ]
        if let fixedAt = finding.fixedAt, let scan = finding.fixedScanID {
            lines.append("  fixed         \(Timestamp.text(fixedAt)) in scan \(scan.prefix(8))")
        }
        if let acceptance = finding.acceptance {
            let expiry = acceptance.expiresAt.map { " until \(Timestamp.text($0))" } ?? ""
            lines.append(
                "  \(acceptance.status.rawValue)      by \(acceptance.by) at \(Timestamp.text(acceptance.at))\(expiry): \(acceptance.reason)"
            )
        }
        if let ticket = history.ticket {
            let closed = ticket.closedAs.map { " (\($0.rawValue))" } ?? ""
            lines.append(
                "  ticket        \(ticket.tracker) \(ticket.key), \(ticket.state.rawValue)\(closed): \(ticket.url)")
        }
        if let proof = history.proofOfFix {
            lines.append("")
            lines.append("Proof of fix")
            let closedBy = proof.passing.reference.outcome == .notApplicable ? "gone   " : "passing"
            for (label, evidence) in [("failing", proof.failing), (closedBy, proof.passing)] {
                let state = evidence.isIntact ? "intact" : "CHANGED SINCE RECORDED"
                lines.append(
                    "  \(label)  scan \(evidence.reference.scanID.prefix(8)) · \(evidence.reference.checkID) · "
                        + "sha256 \(evidence.reference.sha256.prefix(16))… (\(state)): \(evidence.reference.detail)")
            }
        }
        lines.append("")
        lines.append("Audit entries")
        lines += history.entries.map { "  #\($0.sequence)  \(Timestamp.text($0.at))  \($0.action)  by \($0.actor)" }
        return DisplayText.escaped(lines.joined(separator: "\n") + "\n", keepingLayout: true)
    }

    /// `scantrail accept`: the decision just recorded.
    public func decision(_ finding: TrackedFinding) -> String {
        let expiry = finding.acceptance?.expiresAt.map { " until \(Timestamp.text($0))" } ?? ""
        return "Finding \(finding.id) is now \(finding.status.rawValue)\(expiry).\n"
    }

    /// `scantrail diff A B`.
    public func diff(_ diff: ScanDiff) -> String {
        var lines = ["Scan \(diff.from.prefix(8)) → \(diff.to.prefix(8))"]
        let sections: [(String, [ScanDiff.Item])] = [
            ("New", diff.new), ("Fixed", diff.fixed), ("Unchanged", diff.unchanged),
            ("Not retested (failing before, not judged now: proves nothing)", diff.notRetested),
            ("Coverage gained", diff.coverageGained), ("Coverage lost", diff.coverageLost),
        ]
        for (title, items) in sections {
            lines.append("")
            lines.append("\(title) (\(items.count))")
            lines += items.map { "  \($0.fingerprint.prefix(12))  \($0.ruleID)  \($0.location)" }
        }
        return DisplayText.escaped(lines.joined(separator: "\n") + "\n", keepingLayout: true)
    }

    /// `scantrail audit log`.
    public func audit(_ entries: [AuditEntry]) -> String {
        let rows = entries.map { entry in
            [
                "#\(entry.sequence)", Timestamp.text(entry.at), entry.actor, entry.action,
                String(entry.subject.prefix(12)),
                String(entry.hash.prefix(12)),
            ]
        }
        return TextTable.render([["SEQ", "AT", "ACTOR", "ACTION", "SUBJECT", "HASH"]] + rows).joined(separator: "\n")
            + "\n"
    }

    /// `scantrail api-keys list`: ids, names, scopes, state, expiry and last use — never secrets.
    public func apiKeys(_ keys: [APIKey]) -> String {
        guard !keys.isEmpty else { return "No API keys.\n" }
        let rows = keys.map { key in
            [
                key.id, key.name, key.scopes.map(\.rawValue).joined(separator: ","),
                key.revokedAt != nil ? "revoked" : key.isUsable(at: now) ? "active" : "expired",
                key.expiresAt.map(Timestamp.text) ?? "-", key.lastUsedAt.map(Timestamp.text) ?? "never",
            ]
        }
        return TextTable.render([["ID", "NAME", "SCOPES", "STATE", "EXPIRES", "LAST USED"]] + rows).joined(
            separator: "\n")
            + "\n"
    }

    /// `scantrail targets list`: each monitored target with how many runs it missed.
    public func targets(_ targets: [(target: MonitoredTarget, missed: Int)]) -> String {
        guard !targets.isEmpty else {
            return "No monitored targets: add one with 'scantrail targets add URL --every 24h'.\n"
        }
        let rows = targets.map { target, missed in
            [
                target.id, target.url, target.schedule,
                target.pausedAt == nil ? Timestamp.text(target.nextRunAt) : "paused",
                String(missed),
            ]
        }
        return TextTable.render([["ID", "URL", "SCHEDULE", "NEXT RUN", "MISSED"]] + rows).joined(separator: "\n") + "\n"
    }

    /// `scantrail tickets list`.
    public func tickets(_ tickets: [RemediationTicket]) -> String {
        guard !tickets.isEmpty else {
            return
                "No remediation tickets: configure a tracker (tickets: in the config file) and run 'scantrail tickets sync'.\n"
        }
        let rows = tickets.map { ticket in
            [
                String(ticket.fingerprint.rawValue.prefix(12)), ticket.tracker, ticket.key,
                ticket.state.rawValue + (ticket.closedAs.map { " (\($0.rawValue))" } ?? ""),
                Timestamp.text(ticket.updatedAt), ticket.url,
            ]
        }
        return TextTable.render([["FINDING", "TRACKER", "TICKET", "STATE", "UPDATED", "URL"]] + rows)
            .joined(separator: "\n") + "\n"
    }

    /// `scantrail targets show`.
    public func target(_ target: MonitoredTarget, missedRuns: [Date]) -> String {
        var lines = [
            "\(target.url) (\(target.id))", "  schedule   \(target.schedule)",
            "  next run   \(target.pausedAt.map { "paused since \(Timestamp.text($0))" } ?? Timestamp.text(target.nextRunAt))",
            "  added      \(Timestamp.text(target.createdAt)) by \(target.createdBy)",
        ]
        if let description = target.description { lines.append("  openapi    \(description)") }
        if let identities = target.identitiesFrom { lines.append("  identities from \(identities)") }
        lines.append(
            missedRuns.isEmpty
                ? "  no run missed"
                : "  missed \(missedRuns.count) runs: " + missedRuns.map(Timestamp.text).joined(separator: ", "))
        return DisplayText.escaped(lines.joined(separator: "\n") + "\n", keepingLayout: true)
    }

    /// `scantrail audit verify`.
    public func verification(_ verification: AuditVerification) -> String {
        let checkpoints =
            verification.checkpointsChecked > 0 ? ", against \(verification.checkpointsChecked) signed checkpoints" : ""
        if verification.isIntact {
            return "Audit chain intact: \(verification.entriesChecked) entries verified\(checkpoints).\n"
        }
        return
            (["Audit chain BROKEN (\(verification.entriesChecked) entries checked):"]
            + verification.problems.map { "  \($0)" })
            .joined(separator: "\n") + "\n"
    }

}
