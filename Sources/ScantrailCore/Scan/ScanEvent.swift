/// Progress of a scan, delivered as it happens so front ends can show it.
public enum ScanEvent: Sendable, Hashable {
    /// The target answered and `checks` checks are planned.
    case started(checks: Int)
    /// A check began collecting evidence.
    case checkStarted(id: String, title: String)
    /// A check ended; `completed` of `total` checks are done.
    case checkFinished(id: String, status: CheckRun.Status, completed: Int, total: Int)
}
