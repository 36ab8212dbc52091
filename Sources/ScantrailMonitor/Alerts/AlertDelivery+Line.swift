import ScantrailCore
import ScantrailStore

extension AlertDelivery {
    /// One line of the delivery log: id, webhook, where it stands, the alert.
    public var line: String {
        let standing =
            switch state {
            case .delivered: "delivered"
            case .pending where attempts == 0: "queued"
            case .pending: "\(lastError ?? "failed"), retrying at \(Timestamp.text(nextAttemptAt))"
            case .failed: "\(lastError ?? "failed"), given up after \(attempts) attempt\(attempts == 1 ? "" : "s")"
            }
        return "alert \(id) to \(webhook): \(standing): \(summary)"
    }
}
