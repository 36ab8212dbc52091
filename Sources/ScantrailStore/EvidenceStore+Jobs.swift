import Foundation

/// The workers' queue, in the way of the PostgreSQL job queues (River, good_job, Solid Queue):
/// a claim takes the oldest runnable job with `FOR UPDATE SKIP LOCKED`, under a lease that the
/// worker's heartbeats push on; a job whose lease lapses is taken over by the next claim, and
/// its claim number fences the worker that lost it, which can neither renew nor complete it.
/// Queuing, completing and failing are serialised writes; claims and heartbeats are single
/// statements outside the write lock, so they never wait behind a scan being recorded.
extension EvidenceStore {
    /// The channel a commit that queues work notifies, and idle workers listen on.
    public static let jobsChannel = "scantrail_jobs"

    /// Queues one job for every unpaused target that is due and has none queued or running, and
    /// moves each such target's next run to `next(target, now)`. Jobs whose lease lapsed after
    /// their last allowed attempt fail here (audited as `scan.failed`).
    ///
    /// - Returns: The jobs queued.
    @discardableResult
    public func enqueueDueScans(
        maxAttempts: Int, next: @escaping @Sendable (MonitoredTarget, Date) -> Date
    ) async throws -> [ScanJob] {
        let at = now()
        let (actor, notify) = (actor, database.notify(Self.jobsChannel))
        let due = SQLStatement(
            """
            SELECT * FROM monitored_targets WHERE paused_at IS NULL AND next_run_at <= ? AND id NOT IN
            (SELECT target_id FROM scan_jobs WHERE state IN ('queued', 'running')) ORDER BY next_run_at, id
            """, [.integer(at.milliseconds)])
        let abandoned = SQLStatement(
            "SELECT * FROM scan_jobs WHERE state = 'running' AND lease_until < ? AND attempts >= max_attempts",
            [.integer(at.milliseconds)])
        return try await database.write(reading: [due, abandoned, AuditChain.headQuery]) { rows in
            let targets = try rows[0].map(MonitoredTarget.init(row:))
            let jobs = targets.map { ScanJob(queuing: $0, dueAt: $0.nextRunAt, maxAttempts: maxAttempts, at: at) }
            var statements = SQLStatement.insert(into: "scan_jobs", columns: ScanJob.columns, rows: jobs.map(\.row))
            statements += targets.map {
                SQLStatement(
                    "UPDATE monitored_targets SET next_run_at = ? WHERE id = ?",
                    [.integer(next($0, at).milliseconds), .text($0.id)])
            }
            var chain = try AuditChain(headRows: rows[2], at: at, actor: actor)
            for job in try rows[1].map(ScanJob.init(row:)) {
                let reason = "the lease of \(job.worker ?? "its worker") lapsed on its last attempt"
                statements.append(try Self.finish(job, as: .failed, reason: reason, at: at, chain: &chain))
            }
            if !jobs.isEmpty, let notify { statements.append(notify) }
            return (statements + AuditEntry.insert(chain.entries), jobs)
        }
    }

    /// Claims the runnable job queued longest (or a running one whose lease has lapsed), for
    /// `worker` until `leaseSeconds` from now.
    ///
    /// - Returns: The job as claimed, or `nil` when none is runnable.
    public func claimScanJob(worker: String, leaseSeconds: TimeInterval) async throws -> ScanJob? {
        let at = now()
        let rows = try await database.exchange(
            SQLStatement(
                """
                UPDATE scan_jobs SET state = 'running', worker = ?, attempts = attempts + 1, lease_until = ?,
                heartbeat_at = ?, started_at = ?,
                last_error = CASE WHEN state = 'running' THEN 'the lease of ' || COALESCE(worker, 'its worker') || ' lapsed'
                ELSE last_error END
                WHERE id = (SELECT id FROM scan_jobs WHERE (state = 'queued' AND run_at <= ?)
                OR (state = 'running' AND lease_until < ? AND attempts < max_attempts)
                ORDER BY run_at, id LIMIT 1 \(database.rowLock(skippingLocked: true)))
                RETURNING *
                """,
                [
                    .text(worker), .integer(at.addingTimeInterval(leaseSeconds).milliseconds),
                    .integer(at.milliseconds), .integer(at.milliseconds), .integer(at.milliseconds),
                    .integer(at.milliseconds),
                ]))
        return try rows.first.map(ScanJob.init(row:))
    }

    /// Extends the lease on `job` to `leaseSeconds` from now: the heartbeat of the worker running it.
    ///
    /// - Throws: ``StoreError/leaseLost(_:)`` when the claim is no longer current (another
    ///   worker took the job over, or it ended).
    @discardableResult
    public func renewLease(of job: ScanJob, leaseSeconds: TimeInterval) async throws -> ScanJob {
        let at = now()
        let rows = try await database.exchange(
            SQLStatement(
                """
                UPDATE scan_jobs SET lease_until = ?, heartbeat_at = ?
                WHERE id = ? AND attempts = ? AND state = 'running' RETURNING *
                """,
                [
                    .integer(at.addingTimeInterval(leaseSeconds).milliseconds), .integer(at.milliseconds),
                    .text(job.id), .int(job.attempts),
                ]))
        guard let row = rows.first else { throw StoreError.leaseLost(job.id) }
        return try ScanJob(row: row)
    }

    /// Ends an attempt at `job` that could not scan: queued again to run at `retryAt` while it
    /// has attempts left, failed otherwise (or when `retryAt` is `nil`), audited as
    /// `scan.failed` on its target.
    ///
    /// - Throws: ``StoreError/leaseLost(_:)`` when the claim is no longer current.
    @discardableResult
    public func failScanJob(_ job: ScanJob, error: String, retryAt: Date?) async throws -> ScanJob {
        try await changeClaimed(job) { current, at, chain in
            guard let retryAt, current.attempts < current.maxAttempts else {
                return try Self.finish(current, as: .failed, reason: error, at: at, chain: &chain)
            }
            return SQLStatement(
                "UPDATE scan_jobs SET state = 'queued', run_at = ?, lease_until = NULL, last_error = ? WHERE id = ?",
                [.integer(retryAt.milliseconds), .text(error), .text(current.id)])
        }
    }

    /// Drops `job` unrun (its target was removed or paused after it was queued).
    ///
    /// - Throws: ``StoreError/leaseLost(_:)`` when the claim is no longer current.
    @discardableResult
    public func cancelScanJob(_ job: ScanJob, reason: String) async throws -> ScanJob {
        try await changeClaimed(job) { current, at, chain in
            try Self.finish(current, as: .cancelled, reason: reason, at: at, chain: &chain)
        }
    }

    /// How many jobs wait to run, now or after their back-off.
    public func queuedScanJobs() async throws -> Int {
        let rows = try await database.rows(SQLStatement("SELECT COUNT(*) AS n FROM scan_jobs WHERE state = 'queued'"))
        return Int(try rows.first?.integer("n") ?? 0)
    }

    /// The jobs of one target (by id), or of all, newest first.
    public func scanJobs(target: String? = nil, limit: Int = 50) async throws -> [ScanJob] {
        let filter = target == nil ? "" : "WHERE target_id = ? "
        return try await database.rows(
            SQLStatement(
                "SELECT * FROM scan_jobs \(filter)ORDER BY created_at DESC, id DESC LIMIT ?",
                [target.map(SQLValue.text)].compactMap { $0 } + [.int(limit)])
        ).map(ScanJob.init(row:))
    }

    /// Reads `job` as currently claimed (row locked against a concurrent takeover), for a write
    /// that ends its attempt.
    func claimFence(_ job: ScanJob) -> SQLStatement {
        SQLStatement(
            "SELECT * FROM scan_jobs WHERE id = ? AND attempts = ? AND state = 'running' \(database.rowLock(skippingLocked: false))",
            [.text(job.id), .int(job.attempts)])
    }

    /// The claimed job from `claimFence`'s rows.
    static func claimed(_ job: ScanJob, fenceRows: [SQLRow]) throws -> ScanJob {
        guard let row = fenceRows.first else { throw StoreError.leaseLost(job.id) }
        return try ScanJob(row: row)
    }

    /// Marks `job` succeeded with the scan it recorded.
    static func complete(_ job: ScanJob, scanID: String, at: Date) -> SQLStatement {
        SQLStatement(
            "UPDATE scan_jobs SET state = 'succeeded', scan_id = ?, finished_at = ?, lease_until = NULL WHERE id = ?",
            [.text(scanID), .integer(at.milliseconds), .text(job.id)])
    }

    private func changeClaimed(
        _ job: ScanJob, _ change: @escaping @Sendable (ScanJob, Date, inout AuditChain) throws -> SQLStatement
    ) async throws -> ScanJob {
        let at = now()
        let actor = actor
        try await database.write(reading: [claimFence(job), AuditChain.headQuery]) { rows in
            let current = try Self.claimed(job, fenceRows: rows[0])
            var chain = try AuditChain(headRows: rows[1], at: at, actor: actor)
            let statement = try change(current, at, &chain)
            return ([statement] + AuditEntry.insert(chain.entries), ())
        }
        return try await scanJob(job.id)
    }

    /// The job with this id.
    public func scanJob(_ id: String) async throws -> ScanJob {
        let rows = try await database.rows(SQLStatement("SELECT * FROM scan_jobs WHERE id = ?", [.text(id)]))
        return try ScanJob(row: Self.single(rows, what: "scan job \(id)"))
    }

    /// Ends `job` in `state` with `reason`; a failure is audited on its target.
    private static func finish(
        _ job: ScanJob, as state: ScanJob.State, reason: String, at: Date, chain: inout AuditChain
    ) throws -> SQLStatement {
        if state == .failed {
            try chain.append("scan.failed", subject: job.targetID, details: JobFailed(job, error: reason))
        }
        return SQLStatement(
            "UPDATE scan_jobs SET state = ?, finished_at = ?, lease_until = NULL, last_error = ? WHERE id = ?",
            [.text(state.rawValue), .integer(at.milliseconds), .text(reason), .text(job.id)])
    }

    /// What a `scan.failed` audit entry says.
    private struct JobFailed: Encodable {
        let job: String
        let url: String
        let attempts: Int
        let error: String

        init(_ scanJob: ScanJob, error: String) {
            job = scanJob.id
            url = scanJob.url
            attempts = scanJob.attempts
            self.error = error
        }
    }
}
