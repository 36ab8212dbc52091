import Foundation

/// One due scan of a monitored target in the workers' queue, from enqueued to done.
public struct ScanJob: Codable, Sendable, Hashable {
    /// Where a job is in its life.
    public enum State: String, Codable, Sendable, CaseIterable {
        /// Waiting for a worker (first run, or a retry after `runAt`).
        case queued
        /// Claimed by `worker` until `leaseUntil`, which its heartbeats push on.
        case running
        /// Its scan is recorded (`scanID`).
        case succeeded
        /// Every attempt failed (`lastError` says why).
        case failed
        /// Dropped: its target was removed or paused before it ran.
        case cancelled
    }

    /// Its id (`j_` and 12 hex digits).
    public let id: String
    /// The monitored target it scans, and that target's URL when it was enqueued.
    public let targetID: String
    public let url: String
    /// When the schedule made it due.
    public let dueAt: Date
    /// When it may be claimed next (`dueAt`, or later for a retry).
    public let runAt: Date
    public let state: State
    /// Claims made so far; the current one's number fences it (a taken-over claim is no longer
    /// honoured).
    public let attempts: Int
    /// Claims allowed before it fails for good.
    public let maxAttempts: Int
    /// The worker holding or last holding it, until when, and when it last said it was alive.
    public let worker: String?
    public let leaseUntil: Date?
    public let heartbeatAt: Date?
    /// The scan it recorded, once succeeded.
    public let scanID: String?
    /// Why its last attempt failed.
    public let lastError: String?
    public let createdAt: Date
    public let startedAt: Date?
    public let finishedAt: Date?
}

extension ScanJob {
    static let columns = [
        "id", "target_id", "url", "due_at", "run_at", "state", "attempts", "max_attempts", "worker", "lease_until",
        "heartbeat_at", "scan_id", "last_error", "created_at", "started_at", "finished_at",
    ]

    /// A new queued job for `target`, due at `dueAt`.
    init(queuing target: MonitoredTarget, dueAt: Date, maxAttempts: Int, at: Date) {
        var random = SystemRandomNumberGenerator()
        self.init(
            id: "j_" + (0..<6).map { _ in UInt8.random(in: 0...255, using: &random) }.hexString, targetID: target.id,
            url: target.url, dueAt: dueAt, runAt: dueAt, state: .queued, attempts: 0, maxAttempts: maxAttempts,
            worker: nil, leaseUntil: nil, heartbeatAt: nil, scanID: nil, lastError: nil, createdAt: at,
            startedAt: nil, finishedAt: nil)
    }

    init(row: SQLRow) throws {
        id = try row.text("id")
        targetID = try row.text("target_id")
        url = try row.text("url")
        dueAt = Date(milliseconds: try row.integer("due_at"))
        runAt = Date(milliseconds: try row.integer("run_at"))
        let state = try row.text("state")
        guard let known = State(rawValue: state) else { throw StoreError.corrupt("scan job \(id) has state \(state)") }
        self.state = known
        attempts = Int(try row.integer("attempts"))
        maxAttempts = Int(try row.integer("max_attempts"))
        worker = try row.optionalText("worker")
        leaseUntil = try row.optionalInteger("lease_until").map(Date.init(milliseconds:))
        heartbeatAt = try row.optionalInteger("heartbeat_at").map(Date.init(milliseconds:))
        scanID = try row.optionalText("scan_id")
        lastError = try row.optionalText("last_error")
        createdAt = Date(milliseconds: try row.integer("created_at"))
        startedAt = try row.optionalInteger("started_at").map(Date.init(milliseconds:))
        finishedAt = try row.optionalInteger("finished_at").map(Date.init(milliseconds:))
    }

    var row: [SQLValue] {
        [
            .text(id), .text(targetID), .text(url), .integer(dueAt.milliseconds), .integer(runAt.milliseconds),
            .text(state.rawValue), .int(attempts), .int(maxAttempts), .text(worker), .integer(leaseUntil?.milliseconds),
            .integer(heartbeatAt?.milliseconds), .text(scanID), .text(lastError), .integer(createdAt.milliseconds),
            .integer(startedAt?.milliseconds), .integer(finishedAt?.milliseconds),
        ]
    }
}
