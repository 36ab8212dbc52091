import Synchronization

/// Why a running scan is being stopped, set once by whoever stops it first.
final class StopSignal: Sendable {
    private let reason = Mutex<String?>(nil)

    /// Records `why` unless a reason was already set.
    func stop(_ why: String) {
        reason.withLock { $0 = $0 ?? why }
    }

    /// The reason, or `nil` while the scan runs on.
    var current: String? {
        reason.withLock { $0 }
    }
}
