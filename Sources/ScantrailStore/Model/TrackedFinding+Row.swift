import Foundation
import ScantrailCore

extension TrackedFinding {
    /// The `findings` columns, in the order of ``row``.
    static let columns = [
        "fingerprint", "target", "rule_id", "check_id", "severity", "title", "origin", "method", "path",
        "discriminator", "status", "first_scan", "first_seen_at", "last_scan", "last_seen_at", "last_evidence_sha",
        "last_detail", "due_at", "fixed_scan", "fixed_at", "reopen_count", "accept_status", "accept_reason",
        "accept_by", "accept_at", "accept_expires_at",
    ]

    /// Inserts, or replaces by fingerprint, every finding in `findings`.
    /// Writes `findings`, then counts their targets' findings again (``FindingCounts``), in the
    /// same transaction, so the counts never disagree with the rows.
    static func upsert(_ findings: [TrackedFinding]) -> [SQLStatement] {
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let targets = Set(findings.map(\.target)).sorted()
        return SQLStatement.insert(
            into: "findings", columns: columns, rows: findings.map(\.row),
            suffix: " ON CONFLICT (fingerprint) DO UPDATE SET \(updates)"
        )
            + targets.flatMap { target in
                [
                    SQLStatement("DELETE FROM finding_counts WHERE target = ?", [.text(target)]),
                    SQLStatement(
                        """
                        INSERT INTO finding_counts (target, status, severity, n) SELECT target, status, severity, \
                        COUNT(*) FROM findings WHERE target = ? GROUP BY target, status, severity
                        """, [.text(target)]),
                ]
            }
    }

    /// The values for ``columns``.
    var row: [SQLValue] {
        [
            .text(fingerprint.rawValue), .text(target), .text(ruleID), .text(checkID), .text(severity.rawValue),
            .text(title), .text(location.origin), .text(location.method), .text(location.path),
            .text(location.discriminator), .text(status.rawValue), .text(firstScanID),
            .integer(firstSeenAt.milliseconds),
            .text(lastScanID), .integer(lastSeenAt.milliseconds), .text(lastEvidenceSHA256), .text(lastDetail),
            .integer(dueAt?.milliseconds), .text(fixedScanID), .integer(fixedAt?.milliseconds), .int(reopenCount),
            .text(acceptance?.status.rawValue), .text(acceptance?.reason), .text(acceptance?.by),
            .integer(acceptance?.at.milliseconds), .integer(acceptance?.expiresAt?.milliseconds),
        ]
    }

    /// Reads a `findings` row.
    init(row: SQLRow) throws {
        guard let severity = Severity(rawValue: try row.text("severity")),
            let status = FindingStatus(rawValue: try row.text("status"))
        else { throw StoreError.corrupt("unknown severity or status in findings") }
        self.fingerprint = Fingerprint(rawValue: try row.text("fingerprint"))
        self.target = try row.text("target")
        self.ruleID = try row.text("rule_id")
        self.checkID = try row.text("check_id")
        self.severity = severity
        self.title = try row.text("title")
        self.location = Location(
            origin: try row.text("origin"), method: try row.optionalText("method"), path: try row.text("path"),
            discriminator: try row.optionalText("discriminator")
        )
        self.status = status
        self.firstScanID = try row.text("first_scan")
        self.firstSeenAt = Date(milliseconds: try row.integer("first_seen_at"))
        self.lastScanID = try row.text("last_scan")
        self.lastSeenAt = Date(milliseconds: try row.integer("last_seen_at"))
        self.lastEvidenceSHA256 = try row.text("last_evidence_sha")
        self.lastDetail = try row.text("last_detail")
        self.dueAt = try row.optionalInteger("due_at").map(Date.init(milliseconds:))
        self.fixedScanID = try row.optionalText("fixed_scan")
        self.fixedAt = try row.optionalInteger("fixed_at").map(Date.init(milliseconds:))
        self.reopenCount = Int(try row.integer("reopen_count"))
        if let kind = try row.optionalText("accept_status"), let acceptedStatus = FindingStatus(rawValue: kind) {
            self.acceptance = Acceptance(
                status: acceptedStatus, reason: try row.text("accept_reason"), by: try row.text("accept_by"),
                at: Date(milliseconds: try row.integer("accept_at")),
                expiresAt: try row.optionalInteger("accept_expires_at").map(Date.init(milliseconds:))
            )
        } else {
            self.acceptance = nil
        }
    }
}
