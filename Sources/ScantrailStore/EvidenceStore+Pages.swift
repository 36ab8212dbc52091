import Foundation
import ScantrailCore

/// The dashboard's and the REST API's reads: a page at a time, each served by an index, so none
/// grows with the size of the trail.
extension EvidenceStore {
    /// The largest page served.
    public static let maxPageSize = 500

    /// Up to `limit` findings matching `filter`, nearest deadline first (those without one last),
    /// starting after `cursor`.
    public func findings(_ filter: FindingFilter, after cursor: FindingCursor? = nil, limit: Int = 50) async throws
        -> FindingPage
    {
        let limit = min(max(limit, 1), Self.maxPageSize)
        var conditions = ["status = ?"]
        var arguments: [SQLValue] = [.text(filter.status.rawValue)]
        if let target = filter.target {
            conditions.append("target = ?")
            arguments.append(.text(target))
        }
        if let severity = filter.severity {
            conditions.append("severity = ?")
            arguments.append(.text(severity.rawValue))
        }
        // Keyset paging in two runs: findings with a deadline, then those without one.
        var found: [TrackedFinding] = []
        if cursor == nil || cursor?.dueAt != nil {
            var dated = conditions + ["due_at IS NOT NULL"]
            var values = arguments
            if let cursor, let dueAt = cursor.dueAt {
                dated.append("(due_at > ? OR (due_at = ? AND fingerprint > ?))")
                values += [
                    .integer(dueAt.milliseconds), .integer(dueAt.milliseconds), .text(cursor.fingerprint.rawValue),
                ]
            }
            found += try await page(dated, values, order: "due_at, fingerprint", limit: limit + 1)
        }
        if found.count <= limit {
            var undated = conditions + ["due_at IS NULL"]
            var values = arguments
            if let cursor, cursor.dueAt == nil {
                undated.append("fingerprint > ?")
                values.append(.text(cursor.fingerprint.rawValue))
            }
            found += try await page(undated, values, order: "fingerprint", limit: limit + 1 - found.count)
        }
        let shown = Array(found.prefix(limit))
        return FindingPage(
            findings: shown, next: found.count > limit ? shown.last.map(FindingCursor.init(after:)) : nil)
    }

    private func page(_ conditions: [String], _ arguments: [SQLValue], order: String, limit: Int) async throws
        -> [TrackedFinding]
    {
        let sql = "SELECT * FROM findings WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(order) LIMIT ?"
        return try await database.rows(SQLStatement(sql, arguments + [.int(limit)])).map(TrackedFinding.init(row:))
    }

    /// Tracked findings by state and severity, of `target` (a base URL) or of every target.
    public func findingCounts(target: String? = nil) async throws -> FindingCounts {
        let statement =
            target.map { SQLStatement("SELECT * FROM finding_counts WHERE target = ?", [.text($0)]) }
            ?? SQLStatement("SELECT * FROM finding_counts")
        var counts = FindingCounts()
        for row in try await database.rows(statement) {
            guard let status = FindingStatus(rawValue: try row.text("status")),
                let severity = Severity(rawValue: try row.text("severity"))
            else { throw StoreError.corrupt("unknown severity or status in finding_counts") }
            counts[status, severity] += Int(try row.integer("n"))
        }
        return counts
    }

    /// Up to `limit` of `target`'s recorded scans, newest first, older than scan number `before`.
    public func recentScans(target: String, before: Int? = nil, limit: Int = 50) async throws -> [ScanRecord] {
        let limit = min(max(limit, 1), Self.maxPageSize)
        let statement =
            before.map {
                SQLStatement(
                    "SELECT * FROM scans WHERE target = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                    [.text(target), .int($0), .int(limit)])
            }
            ?? SQLStatement(
                "SELECT * FROM scans WHERE target = ? ORDER BY seq DESC LIMIT ?", [.text(target), .int(limit)])
        return try await database.rows(statement).map(ScanRecord.init(row:))
    }

    /// Every scanned target: its latest scan, how many were recorded and its open findings by
    /// severity, by base URL — three reads whatever the number of targets.
    public func targets() async throws -> [TargetSummary] {
        let rows = try await database.read([
            SQLStatement("SELECT target, COUNT(*) AS n FROM scans GROUP BY target"),
            SQLStatement("SELECT * FROM scans WHERE seq IN (SELECT MAX(seq) FROM scans GROUP BY target)"),
            SQLStatement("SELECT * FROM finding_counts WHERE status = 'open' AND n > 0"),
        ])
        var counts: [String: Int] = [:]
        for row in rows[0] { counts[try row.text("target")] = Int(try row.integer("n")) }
        var open: [String: [Severity: Int]] = [:]
        for row in rows[2] {
            guard let severity = Severity(rawValue: try row.text("severity")) else {
                throw StoreError.corrupt("unknown severity in finding_counts")
            }
            open[try row.text("target"), default: [:]][severity] = Int(try row.integer("n"))
        }
        return try rows[1].map(ScanRecord.init(row:)).map {
            TargetSummary(
                target: $0.target, scanCount: counts[$0.target] ?? 1, latest: $0, openFindings: open[$0.target] ?? [:])
        }.sorted { $0.target < $1.target }
    }

    /// The evidence check `checkID` recorded in `scan` (redacted JSON), without reading the rest
    /// of the scan; `nil` when the check did not run or kept none.
    public func evidence(of checkID: String, in scan: ScanRecord) async throws -> JSONValue? {
        let row = try await database.rows(
            SQLStatement(
                "SELECT evidence FROM check_evidence WHERE scan_id = ? AND check_id = ?",
                [.text(scan.id), .text(checkID)])
        ).first
        return try row?.optionalText("evidence").map { try CanonicalJSON.decode(JSONValue.self, from: $0) }
    }

    /// Up to `limit` audit entries after number `after`, oldest first.
    public func auditEntries(after: Int, limit: Int = 100) async throws -> [AuditEntry] {
        let limit = min(max(limit, 1), Self.maxPageSize)
        return try await database.rows(
            SQLStatement("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", [.int(after), .int(limit)])
        ).map(AuditEntry.init(row:))
    }
}
