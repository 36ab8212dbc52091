import Foundation
import ScantrailCore
import ScantrailStore

/// Writes findings as CSV (RFC 4180) for auditors' workpapers: one row per finding of the scan,
/// then the tracked findings the input adds (those the scan fixed), with status, SLA deadline
/// and state, first seen and fixed at.
public struct CSVRenderer: Sendable {
    /// The header row.
    public static let columns = [
        "fingerprint", "rule_id", "title", "severity", "status", "sla_status", "due_at", "first_seen", "last_seen",
        "fixed_at", "fixed_scan", "method", "url", "discriminator", "check_id", "detail",
    ]

    /// Creates the renderer.
    public init() {}

    /// The CSV document, with CRLF line ends.
    public func render(_ input: ReportInput) -> String {
        let time = { (date: Date?) in date.map(Timestamp.text) ?? "" }
        var rows = [Self.columns]
        let scanned = Set(input.result.findings.map(\.fingerprint))
        for finding in input.result.findings {
            let tracked = input.trail[finding.fingerprint]
            let due = input.dueAt(finding)
            let sla: SLAStatus =
                tracked?.slaStatus(at: input.now)
                ?? due.map { input.now <= $0 ? .openWithin : .openOverdue } ?? .notApplicable
            rows.append([
                finding.fingerprint.rawValue, finding.ruleID, finding.title, finding.severity.rawValue,
                tracked?.status.rawValue ?? FindingStatus.open.rawValue, sla.rawValue, time(due),
                time(tracked?.firstSeenAt ?? input.result.startedAt),
                time(tracked?.lastSeenAt ?? input.result.startedAt),
                time(tracked?.fixedAt), tracked?.fixedScanID ?? "", finding.location.method ?? "",
                finding.location.origin + finding.location.path, finding.location.discriminator ?? "", finding.checkID,
                finding.detail,
            ])
        }
        for tracked in input.trail.values.filter({ !scanned.contains($0.fingerprint) }).sorted(by: Self.order) {
            rows.append([
                tracked.fingerprint.rawValue, tracked.ruleID, tracked.title, tracked.severity.rawValue,
                tracked.status.rawValue, tracked.slaStatus(at: input.now).rawValue, time(tracked.dueAt),
                time(tracked.firstSeenAt), time(tracked.lastSeenAt), time(tracked.fixedAt), tracked.fixedScanID ?? "",
                tracked.location.method ?? "", tracked.location.origin + tracked.location.path,
                tracked.location.discriminator ?? "", tracked.checkID, tracked.lastDetail,
            ])
        }
        return rows.map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    private static func order(_ a: TrackedFinding, _ b: TrackedFinding) -> Bool {
        (a.severity, b.fingerprint.rawValue) > (b.severity, a.fingerprint.rawValue)
    }

    /// A field quoted when it holds a comma, a quote or a line break, its control characters
    /// but line feeds and tabs escaped; a leading `=`, `+`, `-`, `@`, tab or carriage return is
    /// prefixed with `'` so that spreadsheets do not run it as a formula.
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        value = DisplayText.escaped(value, keepingLayout: true)
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
