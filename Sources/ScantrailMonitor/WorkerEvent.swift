import Foundation
import ScantrailCore
import ScantrailStore

/// What a ``ScanWorker`` tells whoever runs it, one line each.
public enum WorkerEvent: Sendable, CustomStringConvertible {
    /// The worker is taking jobs from the store.
    case started(worker: String, concurrency: Int, store: String)
    /// Due scans were queued.
    case queued([ScanJob])
    /// A claimed job's scan begins.
    case scanning(ScanJob)
    /// Its scan is recorded and the job done.
    case recorded(ScanJob, ScanRecord)
    /// An attempt failed; the job runs again at `retryAt`, or, `nil`, has failed for good.
    case failed(ScanJob, error: String, retryAt: Date?)
    /// The job was dropped unrun.
    case cancelled(ScanJob, reason: String)
    /// The job was taken over by another worker (this one's lease lapsed); nothing of it was recorded here.
    case leaseLost(ScanJob)
    /// An alert delivery was attempted.
    case alert(AlertDelivery)
    /// A ticket sync acted, or stopped early.
    case tickets(TicketSync.Report)
    /// The store could not be used for a moment; the worker tries again at its next poll.
    case storeTrouble(String)
    /// A drain was requested; the worker returns once `running` scans are recorded.
    case draining(running: Int)
    /// The worker stopped.
    case stopped

    public var description: String {
        switch self {
        case .started(let worker, let concurrency, let store):
            "worker \(worker) started: up to \(concurrency) scans at a time, store \(store)"
        case .queued(let jobs):
            "queued \(jobs.count) due scan\(jobs.count == 1 ? "" : "s"): " + jobs.map(\.url).joined(separator: ", ")
        case .scanning(let job):
            "\(job.id) \(job.url): scanning (attempt \(job.attempts) of \(job.maxAttempts))"
        case .recorded(let job, let record):
            "\(job.id) \(job.url): recorded scan #\(record.sequence) (\(record.counts.failed) failing, "
                + "\(record.counts.new) new, \(record.counts.fixed) fixed)"
        case .failed(let job, let error, let retryAt?):
            "\(job.id) \(job.url): attempt \(job.attempts) failed: \(error); retrying at \(Timestamp.text(retryAt))"
        case .failed(let job, let error, nil):
            "\(job.id) \(job.url): failed after \(job.attempts) attempt\(job.attempts == 1 ? "" : "s"): \(error)"
        case .cancelled(let job, let reason):
            "\(job.id) \(job.url): dropped: \(reason)"
        case .leaseLost(let job):
            "\(job.id) \(job.url): lease lapsed and another worker took the job; nothing recorded here"
        case .alert(let delivery):
            delivery.line
        case .tickets(let report):
            (report.actions.map { "ticket \($0)" }
                + [report.stopped.map { "tickets: sync stopped: \($0)" }].compactMap { $0 })
                .joined(separator: "\n")
        case .storeTrouble(let message):
            "store unavailable, retrying: \(message)"
        case .draining(let running):
            "draining: taking no more jobs, waiting for \(running) scan\(running == 1 ? "" : "s") to finish"
        case .stopped:
            "worker stopped"
        }
    }
}
