import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailReports

/// One scan the web service runs: where it stands, what it has shown so far, and its result.
struct HostedScan: Sendable {
    /// Where the scan stands.
    enum State: Sendable, Equatable {
        /// Waiting for a free slot, at this place in the queue (1 = next).
        case queued(position: Int)
        /// Running: checks done of the total, and the check that last started.
        case running(completed: Int, total: Int, current: String?)
        /// Done: the report is ready.
        case finished
        /// Could not run, and why (the target unreachable, refused by the guard…).
        case failed(String)
    }

    /// The unguessable id its link carries.
    let id: ScanID
    /// The target as the user gave it.
    let target: String
    /// Who asked (``Caller/quotaKey``), for one anonymous scan at a time per client.
    let owner: String
    /// When it was asked for.
    let submittedAt: Date
    var state: State = .queued(position: 0)
    /// The report input, once finished.
    var report: ReportInput?

    /// Where it stands, in one line for the page and its live updates.
    var progressLine: String {
        switch state {
        case .queued(let position): "Queued: number \(position) in line."
        case .running(let completed, let total, let current):
            "Running: \(completed) of \(total) checks done" + (current.map { " — \($0)" } ?? "")
        case .finished: "Finished."
        case .failed(let reason): "Failed: \(reason)"
        }
    }

    /// Whether it is still queued or running.
    var isActive: Bool {
        switch state {
        case .queued, .running: true
        case .finished, .failed: false
        }
    }
}
