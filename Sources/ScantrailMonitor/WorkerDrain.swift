import Synchronization

/// Asks a running ``ScanWorker`` to stop taking jobs and to return once the scans it is running
/// are recorded (a service manager's SIGTERM).
public final class WorkerDrain: Sendable {
    private let state = Mutex<(requested: Bool, wake: (@Sendable () -> Void)?)>((false, nil))

    /// Creates a drain not yet requested.
    public init() {}

    /// Whether the drain has been requested.
    public var isRequested: Bool { state.withLock { $0.requested } }

    /// Requests the drain; the worker wakes at once to begin it.
    public func request() {
        let wake = state.withLock { state -> (@Sendable () -> Void)? in
            state.requested = true
            return state.wake
        }
        wake?()
    }

    /// Calls `wake` when the drain is requested (now, if it already is).
    func onRequest(_ wake: @escaping @Sendable () -> Void) {
        let requested = state.withLock { state -> Bool in
            state.wake = wake
            return state.requested
        }
        if requested { wake() }
    }
}
