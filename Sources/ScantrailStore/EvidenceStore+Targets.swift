import Foundation

extension EvidenceStore {
    /// Adds `url` to the targets scanned on a schedule, first due at `nextRunAt`; audited.
    ///
    /// - Throws: ``StoreError`` when the URL is already monitored.
    @discardableResult
    public func addTarget(
        url: String, schedule: String, description: String?, identitiesFrom: String?, nextRunAt: Date
    ) async throws -> MonitoredTarget {
        let at = now()
        var random = SystemRandomNumberGenerator()
        let target = MonitoredTarget(
            id: "t_" + (0..<4).map { _ in UInt8.random(in: 0...255, using: &random) }.hexString, url: url,
            schedule: schedule, description: description, identitiesFrom: identitiesFrom, createdAt: at,
            createdBy: actor, nextRunAt: nextRunAt, pausedAt: nil)
        let (actor, notify) = (actor, database.notify(Self.jobsChannel))
        let lookup = SQLStatement("SELECT id FROM monitored_targets WHERE url = ?", [.text(url)])
        return try await database.write(reading: [lookup, AuditChain.headQuery]) { rows in
            guard rows[0].isEmpty else { throw StoreError.invalid("\(url) is already monitored") }
            var chain = try AuditChain(headRows: rows[1], at: at, actor: actor)
            try chain.append("target.added", subject: target.id, details: TargetEvent(target))
            let insert = SQLStatement.insert(
                into: "monitored_targets", columns: MonitoredTarget.columns, rows: [target.row])
            return (insert + AuditEntry.insert(chain.entries) + [notify].compactMap { $0 }, target)
        }
    }

    /// Every monitored target, by URL.
    public func monitoredTargets() async throws -> [MonitoredTarget] {
        try await database.rows(SQLStatement("SELECT * FROM monitored_targets ORDER BY url")).map(
            MonitoredTarget.init(row:))
    }

    /// The monitored target with this id or URL.
    ///
    /// - Throws: ``StoreError`` when none has it.
    public func monitoredTarget(_ reference: String) async throws -> MonitoredTarget {
        let rows = try await database.rows(Self.targetLookup(reference))
        return try MonitoredTarget(row: Self.single(rows, what: "monitored target \(reference)"))
    }

    /// Pauses a monitored target (no scan is due while paused); audited.
    @discardableResult
    public func pauseTarget(_ reference: String) async throws -> MonitoredTarget {
        try await changeTarget(reference, action: "target.paused") { target, at in
            guard target.pausedAt == nil else { throw StoreError.invalid("\(target.id) is already paused") }
            return SQLStatement(
                "UPDATE monitored_targets SET paused_at = ? WHERE id = ?",
                [.integer(at.milliseconds), .text(target.id)])
        }
    }

    /// Resumes a paused target, next due at `nextRunAt`; audited.
    @discardableResult
    public func resumeTarget(_ reference: String, nextRunAt: Date) async throws -> MonitoredTarget {
        try await changeTarget(reference, action: "target.resumed") { target, _ in
            guard target.pausedAt != nil else { throw StoreError.invalid("\(target.id) is not paused") }
            return SQLStatement(
                "UPDATE monitored_targets SET paused_at = NULL, next_run_at = ? WHERE id = ?",
                [.integer(nextRunAt.milliseconds), .text(target.id)])
        }
    }

    /// Stops monitoring a target (its recorded scans and findings stay); audited.
    @discardableResult
    public func removeTarget(_ reference: String) async throws -> MonitoredTarget {
        try await changeTarget(reference, action: "target.removed") { target, _ in
            SQLStatement("DELETE FROM monitored_targets WHERE id = ?", [.text(target.id)])
        }
    }

    private static func targetLookup(_ reference: String) -> SQLStatement {
        SQLStatement("SELECT * FROM monitored_targets WHERE id = ? OR url = ?", [.text(reference), .text(reference)])
    }

    /// Applies `change` to the target `reference` names and audits `action`; the target as it was.
    private func changeTarget(
        _ reference: String, action: String,
        _ change: @escaping @Sendable (MonitoredTarget, Date) throws -> SQLStatement
    ) async throws -> MonitoredTarget {
        let at = now()
        let actor = actor
        return try await database.write(reading: [Self.targetLookup(reference), AuditChain.headQuery]) { rows in
            let target = try MonitoredTarget(row: Self.single(rows[0], what: "monitored target \(reference)"))
            let statement = try change(target, at)
            var chain = try AuditChain(headRows: rows[1], at: at, actor: actor)
            try chain.append(action, subject: target.id, details: TargetEvent(target))
            return ([statement] + AuditEntry.insert(chain.entries), target)
        }
    }

    /// What target audit entries say.
    private struct TargetEvent: Encodable {
        let url: String
        let schedule: String

        init(_ target: MonitoredTarget) {
            url = target.url
            schedule = target.schedule
        }
    }
}
