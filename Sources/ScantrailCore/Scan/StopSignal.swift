import Synchronization

/// Why a running scan is being stopped, set once by whoever stops it first.
final class StopSignal: Sendable {
    private let reason = Mutex<StopReason?>(nil)

    /// Records `why` unless a reason was already set.
    func stop(_ why: StopReason) {
        reason.withLock { $0 = $0 ?? why }
    }

    /// The reason, or `nil` while the scan runs on.
    var current: StopReason? {
        reason.withLock { $0 }
    }
}
