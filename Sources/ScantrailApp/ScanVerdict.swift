import ScantrailCore

/// What a finished scan means for whoever gates on it, in order of precedence: interrupted,
/// failing, incomplete, clean.
public enum ScanVerdict: Hashable, Sendable {
    /// Nothing counted reaches the threshold and the scan ran to its end.
    case clean
    /// A counted finding is at or above the threshold.
    case failing
    /// The scan was cut short (deadline) before it could judge everything.
    case incomplete
    /// The scan was cancelled; its partial result is still reported.
    case interrupted

    /// The verdict on `result` when `counted` are the findings that count toward `threshold`
    /// (those not accepted, not false positives, not already failing in a baseline).
    public init(_ result: ScanResult, counted: [Finding], threshold: FailThreshold) {
        if result.completion.reason == .cancelled {
            self = .interrupted
        } else if threshold.isCrossed(by: counted) {
            self = .failing
        } else if !result.completion.isComplete {
            self = .incomplete
        } else {
            self = .clean
        }
    }
}
