import Foundation
import ScantrailCore

extension EvidenceStore {
    /// Recorded scans, oldest first; only those of `target` (a base URL) when given.
    public func scans(target: String? = nil) async throws -> [ScanRecord] {
        let statement =
            target.map { SQLStatement("SELECT * FROM scans WHERE target = ? ORDER BY seq", [.text($0)]) }
            ?? SQLStatement("SELECT * FROM scans ORDER BY seq")
        return try await database.rows(statement).map(ScanRecord.init(row:))
    }

    /// How many tracked findings of `target` (a base URL; all targets when `nil`) are in each state.
    public func statusCounts(target: String? = nil) async throws -> [FindingStatus: Int] {
        let counts = try await findingCounts(target: target)
        var byStatus: [FindingStatus: Int] = [:]
        for status in FindingStatus.allCases where counts.total(status) > 0 { byStatus[status] = counts.total(status) }
        return byStatus
    }

    /// The scan with this reference: its sequence number (`3` or `#3`, up to 7 digits) or a prefix
    /// of its id (at least 8 characters, so that an all-digit prefix is not taken for a number).
    ///
    /// - Throws: ``StoreError`` when none or several match.
    public func scan(_ reference: String) async throws -> ScanRecord {
        let statement: SQLStatement
        // Up to 7 digits is a scan number; an id prefix (8 or more characters) may be all digits too.
        if reference.count < 8, let sequence = Int(reference.hasPrefix("#") ? String(reference.dropFirst()) : reference)
        {
            statement = SQLStatement("SELECT * FROM scans WHERE seq = ?", [.int(sequence)])
        } else {
            statement = SQLStatement("SELECT * FROM scans WHERE id LIKE ?", [.text(try Self.prefixPattern(reference))])
        }
        return try ScanRecord(row: Self.single(try await database.rows(statement), what: "scan \(reference)"))
    }

    /// The result of `scan` as it was recorded, from which every report format renders again.
    ///
    /// - Throws: ``StoreError`` when the scan was recorded before results were kept (schema 1).
    public func result(of scan: ScanRecord) async throws -> ScanResult {
        let rows = try await database.rows(
            SQLStatement("SELECT report FROM scan_reports WHERE scan_id = ?", [.text(scan.id)]))
        guard let row = rows.first else {
            throw StoreError.notFound("report of scan #\(scan.sequence): it was recorded before reports were kept")
        }
        do {
            return try CanonicalJSON.decode(ScanResult.self, from: try row.text("report"))
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.corrupt("the report of scan #\(scan.sequence) does not decode")
        }
    }

    /// The tracked findings `result` (recorded as `record`) failed, and those it fixed: what a
    /// report of the scan says of the trail.
    public func judged(by record: ScanRecord, in result: ScanResult) async throws -> [TrackedFinding] {
        let failing = try await findings(fingerprints: result.findings.map(\.fingerprint))
        let fixed = try await database.rows(
            SQLStatement("SELECT * FROM findings WHERE fixed_scan = ?", [.text(record.id)]))
        return failing + (try fixed.map(TrackedFinding.init(row:)))
    }

    /// The tracked findings with these fingerprints, in no particular order.
    public func findings(fingerprints: [Fingerprint]) async throws -> [TrackedFinding] {
        var found: [TrackedFinding] = []
        for statement in SQLStatement.select(
            "SELECT * FROM findings", where: "fingerprint", in: fingerprints.map { .text($0.rawValue) })
        {
            found += try await database.rows(statement).map(TrackedFinding.init(row:))
        }
        return found
    }

    /// Tracked findings, most severe and oldest first.
    ///
    /// - Parameters:
    ///   - status: Only findings in this state.
    ///   - overdueAt: Only findings open past their deadline at this time.
    ///   - target: Only findings of this target (its base URL).
    public func findings(status: FindingStatus? = nil, overdueAt: Date? = nil, target: String? = nil) async throws
        -> [TrackedFinding]
    {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        if let target {
            conditions.append("target = ?")
            arguments.append(.text(target))
        }
        if let status {
            conditions.append("status = ?")
            arguments.append(.text(status.rawValue))
        }
        if let overdueAt {
            conditions.append("status = 'open' AND due_at IS NOT NULL AND due_at < ?")
            arguments.append(.integer(overdueAt.milliseconds))
        }
        let clause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let rows = try await database.rows(SQLStatement("SELECT * FROM findings\(clause)", arguments))
        return try rows.map(TrackedFinding.init(row:)).sorted {
            ($0.severity, $1.firstSeenAt, $1.fingerprint.rawValue) > (
                $1.severity, $0.firstSeenAt, $0.fingerprint.rawValue
            )
        }
    }

    /// One finding's whole life, by a prefix of its fingerprint (its 12-digit id or shorter).
    ///
    /// - Throws: ``StoreError`` when none or several match.
    public func finding(_ reference: String) async throws -> FindingHistory {
        let row = try Self.single(
            try await database.rows(
                SQLStatement(
                    "SELECT * FROM findings WHERE fingerprint LIKE ?", [.text(try Self.prefixPattern(reference))])),
            what: "finding \(reference)")
        let finding = try TrackedFinding(row: row)
        let entries = try await database.rows(
            SQLStatement(
                "SELECT * FROM audit_log WHERE subject = ? ORDER BY seq", [.text(finding.fingerprint.rawValue)])
        ).map(AuditEntry.init(row:))
        let ticket = try await database.rows(
            SQLStatement("SELECT * FROM tickets WHERE fingerprint = ?", [.text(finding.fingerprint.rawValue)])
        ).first.map(RemediationTicket.init(row:))
        return FindingHistory(
            finding: finding, entries: entries, proofOfFix: try await proofOfFix(in: entries), ticket: ticket)
    }

    /// Fingerprints failing in a scan: what `--baseline` treats as known.
    public func failingFingerprints(in scanID: String) async throws -> Set<Fingerprint> {
        let rows = try await database.rows(
            SQLStatement("SELECT fingerprint FROM outcomes WHERE scan_id = ? AND status = 'failed'", [.text(scanID)]))
        return Set(try rows.map { Fingerprint(rawValue: try $0.text("fingerprint")) })
    }

    /// What changed from scan `from` to scan `to` (references as for ``scan(_:)``).
    public func diff(from: String, to: String) async throws -> ScanDiff {
        let (earlier, later) = (try await scan(from), try await scan(to))
        let query =
            "SELECT fingerprint, rule_id, status, origin, method, path, discriminator FROM outcomes WHERE scan_id = ?"
        let rows = try await database.read([
            SQLStatement(query, [.text(earlier.id)]), SQLStatement(query, [.text(later.id)]),
        ])
        let (before, after) = (try Self.judged(rows[0]), try Self.judged(rows[1]))
        func items(_ keys: some Sequence<String>, from map: [String: Judged]) -> [ScanDiff.Item] {
            keys.compactMap { map[$0]?.item }.sorted()
        }
        let failingBefore = Set(before.filter { $0.value.status == .failed }.keys)
        let failingAfter = Set(after.filter { $0.value.status == .failed }.keys)
        // Closed as the lifecycle closes: passed or not applicable, or in a not-applicable scope
        // (the rule at the same place, no discriminator) without an outcome of its own.
        let scopesAfter = Set(after.filter { $0.value.status == .notApplicable && $0.value.scope == $0.key }.keys)
        let closedAfter = Set(
            failingBefore.filter { key in
                guard let outcome = after[key] else {
                    return before[key].map { scopesAfter.contains($0.scope) } ?? false
                }
                return outcome.status == .passed || outcome.status == .notApplicable
            })
        return ScanDiff(
            from: earlier.id, to: later.id,
            new: items(failingAfter.subtracting(failingBefore), from: after),
            fixed: items(closedAfter, from: before),
            unchanged: items(failingBefore.intersection(failingAfter), from: after),
            notRetested: items(failingBefore.subtracting(failingAfter).subtracting(closedAfter), from: before),
            coverageGained: items(Set(after.keys).subtracting(before.keys), from: after),
            coverageLost: items(Set(before.keys).subtracting(after.keys), from: before)
        )
    }

    /// One judged outcome of a scan, as the diff compares them.
    private struct Judged {
        let status: Outcome.Status
        let item: ScanDiff.Item
        /// The fingerprint of the rule at the place as a whole: what a not-applicable outcome
        /// without a discriminator speaks for.
        let scope: String
    }

    /// Outcomes that were judged (anything but inconclusive), by fingerprint.
    private static func judged(_ rows: [SQLRow]) throws -> [String: Judged] {
        var judged: [String: Judged] = [:]
        for row in rows {
            guard let status = Outcome.Status(rawValue: try row.text("status")), status != .inconclusive else {
                continue
            }
            let location = Location(
                origin: try row.text("origin"), method: try row.optionalText("method"), path: try row.text("path"),
                discriminator: try row.optionalText("discriminator"))
            let fingerprint = try row.text("fingerprint")
            let ruleID = try row.text("rule_id")
            judged[fingerprint] = Judged(
                status: status,
                item: ScanDiff.Item(fingerprint: fingerprint, ruleID: ruleID, location: location.display),
                scope: Fingerprint(scopeOf: ruleID, at: location).rawValue)
        }
        return judged
    }

    /// The failing and passing evidence of the latest `finding.fixed` entry, read back and re-hashed.
    private func proofOfFix(in entries: [AuditEntry]) async throws -> ProofOfFix? {
        struct Fixed: Decodable {
            let failing: EvidenceReference
            let passing: EvidenceReference
        }
        guard let entry = entries.last(where: { $0.action == "finding.fixed" }),
            let fixed = try? CanonicalJSON.decode(Fixed.self, from: entry.details)
        else { return nil }
        return ProofOfFix(failing: try await evidence(fixed.failing), passing: try await evidence(fixed.passing))
    }

    private func evidence(_ reference: EvidenceReference) async throws -> StoredEvidence {
        let row = try await database.rows(
            SQLStatement(
                "SELECT evidence FROM check_evidence WHERE scan_id = ? AND check_id = ?",
                [.text(reference.scanID), .text(reference.checkID)])
        ).first
        let json = try row?.optionalText("evidence")
        let value = try json.map { try CanonicalJSON.decode(JSONValue.self, from: $0) }
        let isIntact = row != nil && CanonicalJSON.sha256(json ?? "null") == reference.sha256
        return StoredEvidence(reference: reference, evidence: value, isIntact: isIntact)
    }

    /// A `LIKE` pattern for an identifier prefix; only hex digits and dashes are allowed, so no
    /// wildcard can slip in.
    static func prefixPattern(_ reference: String) throws -> String {
        let prefix = reference.lowercased()
        guard prefix.count >= 4, prefix.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw StoreError.invalid("'\(reference)' is not an identifier (at least 4 hex digits)")
        }
        return prefix + "%"
    }

    /// The one row, or an error naming `what`.
    static func single(_ rows: [SQLRow], what: String) throws -> SQLRow {
        guard let row = rows.first else { throw StoreError.notFound(what) }
        guard rows.count == 1 else { throw StoreError.ambiguous(what) }
        return row
    }
}
