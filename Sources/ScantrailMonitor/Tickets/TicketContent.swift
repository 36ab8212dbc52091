import Foundation
import ScantrailCore
import ScantrailStore

/// What a finding's ticket says: a title, a body with the evidence, the fix, the deadline and
/// the criteria, the labels of its severity, and the fingerprint that finds it again.
public struct TicketContent: Sendable, Hashable {
    public let fingerprint: Fingerprint
    public let severity: Severity
    public let title: String
    /// Paragraphs of Markdown-light text (bold, code spans), rendered as each tracker takes it.
    public let paragraphs: [String]

    /// The marker every ticket body carries, from which ``TicketTracker/existingTickets()`` reads it back.
    public static func marker(_ fingerprint: Fingerprint) -> String {
        "scantrail-fingerprint: \(fingerprint.rawValue)"
    }

    /// The fingerprint a ticket body's marker names.
    public static func fingerprint(inBody body: String) -> Fingerprint? {
        guard let range = body.range(of: "scantrail-fingerprint: ") else { return nil }
        let value = body[range.upperBound...].prefix { $0.isHexDigit }
        return value.isEmpty ? nil : Fingerprint(rawValue: String(value))
    }

    /// The ticket of `finding`, described by `rule` from the catalogue when known.
    public init(_ finding: TrackedFinding, rule: Rule?) {
        fingerprint = finding.fingerprint
        severity = finding.severity
        title = "[Scantrail] \(finding.severity.rawValue.capitalized): \(finding.title) (\(finding.place))"
        var paragraphs = [
            "**\(finding.severity.rawValue.capitalized) finding** `\(finding.id)` on \(finding.target), detected by Scantrail.",
            "**Rule:** `\(finding.ruleID)` — \(finding.title)\n**Where:** \(finding.location.display)\n"
                + "**First seen:** \(Timestamp.text(finding.firstSeenAt)) in scan `\(finding.firstScanID.prefix(8))`\n"
                + "**Remediation deadline (SLA):** \(finding.dueAt.map(Timestamp.day) ?? "none")",
            "**Evidence:** \(finding.lastDetail) (scan `\(finding.lastScanID.prefix(8))`, evidence sha256 "
                + "`\(finding.lastEvidenceSHA256.prefix(16))…`; `scantrail finding \(finding.id)` shows it in full)",
        ]
        if let rule {
            paragraphs.append("**Why it matters:** \(rule.description)")
            paragraphs.append("**Fix:** \(rule.remediation)")
            let mapping = rule.mapping
            paragraphs.append(
                "**SOC 2:** \(mapping.trustServicesCriteria.map(\.rawValue).joined(separator: ", ")) · "
                    + "**OWASP API:** \(mapping.owaspAPI.map(\.rawValue).joined(separator: ", ")) · "
                    + "**CWE:** \(mapping.cwe.map(\.description).joined(separator: ", "))")
        }
        paragraphs.append(
            "This ticket closes itself when a scan verifies the fix, and reopens if the finding returns. "
                + Self.marker(finding.fingerprint))
        self.paragraphs = paragraphs
    }

    /// The comment that closes a fixed finding's ticket: the failing and passing evidence.
    public static func fixedComment(_ history: FindingHistory) -> String {
        guard let proof = history.proofOfFix else {
            return "Verified fixed by Scantrail scan `\(history.finding.fixedScanID?.prefix(8) ?? "?")`."
        }
        let failing = proof.failing.reference
        let passing = proof.passing.reference
        return "Verified fixed by Scantrail. Proof of fix: failing in scan `\(failing.scanID)` "
            + "(evidence sha256 `\(failing.sha256)`), "
            + "\(passing.outcome == .notApplicable ? "gone" : "passing") in scan `\(passing.scanID)` "
            + "(evidence sha256 `\(passing.sha256)`) at \(history.finding.fixedAt.map(Timestamp.text) ?? "?")."
    }

    /// The comment that closes an accepted or false-positive finding's ticket: who and why.
    public static func notPlannedComment(_ finding: TrackedFinding) -> String {
        guard let acceptance = finding.acceptance else { return "Closed by Scantrail: the finding is no longer open." }
        let expiry = acceptance.expiresAt.map { " until \(Timestamp.day($0))" } ?? ""
        return "Closed as not planned by Scantrail: marked \(acceptance.status.rawValue) by \(acceptance.by)\(expiry). "
            + "Reason: \(acceptance.reason)"
    }

    /// The comment that reopens a ticket whose finding was seen again.
    public static func reopenedComment(_ finding: TrackedFinding) -> String {
        "Reopened by Scantrail: the finding was seen again in scan `\(finding.lastScanID.prefix(8))` at "
            + "\(Timestamp.text(finding.lastSeenAt)): \(finding.lastDetail)"
    }

    /// The comment that reopens a ticket closed by hand while its finding is open.
    public static func closedByHandComment(_ finding: TrackedFinding) -> String {
        "Reopened by Scantrail: this ticket was closed, but the finding is still open (last failing in scan "
            + "`\(finding.lastScanID.prefix(8))` at \(Timestamp.text(finding.lastSeenAt))). It closes itself once a scan verifies the fix."
    }
}
