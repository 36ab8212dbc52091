import Synchronization

/// Caps the requests in flight to any one host (`host:port`), so a scan never opens more
/// than a set number of connections to a server. Waiting callers are served in order; taking a
/// free slot and giving one back never suspend.
public final class HostConnectionLimiter: Sendable {
    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var inFlight: [String: Int] = [:]
        var waiters: [String: [Waiter]] = [:]
        var cancelled: Set<Int> = []
        var nextID = 0
    }

    /// The most requests in flight per host.
    public let limitPerHost: Int
    private let state = Mutex(State())

    /// Creates a limiter allowing `limitPerHost` requests at once to each host.
    public init(limitPerHost: Int) {
        precondition(limitPerHost > 0, "the per-host limit must be positive")
        self.limitPerHost = limitPerHost
    }

    /// Runs `body` while holding one of `host`'s slots, waiting for a slot first.
    ///
    /// - Throws: `CancellationError` if the task is cancelled while waiting, or what `body` throws.
    public func withSlot<Result: Sendable>(for host: String, _ body: () async throws -> Result) async throws -> Result {
        try await acquire(host)
        defer { release(host) }
        return try await body()
    }

    private func acquire(_ host: String) async throws {
        try Task.checkCancellation()
        let ticket: Int? = state.withLock { state in
            if state.inFlight[host, default: 0] < limitPerHost {
                state.inFlight[host, default: 0] += 1
                return nil
            }
            state.nextID += 1
            return state.nextID
        }
        guard let ticket else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Next { case wait, go, cancel }
                let next: Next = state.withLock { state in
                    if state.cancelled.remove(ticket) != nil { return .cancel }
                    if state.inFlight[host, default: 0] < limitPerHost {
                        state.inFlight[host, default: 0] += 1
                        return .go
                    }
                    state.waiters[host, default: []].append(Waiter(id: ticket, continuation: continuation))
                    return .wait
                }
                switch next {
                case .wait: break
                case .go: continuation.resume()
                case .cancel: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { state in
                guard let index = state.waiters[host]?.firstIndex(where: { $0.id == ticket }) else {
                    // Not queued yet: the continuation will see the mark and give up.
                    state.cancelled.insert(ticket)
                    return nil
                }
                return state.waiters[host]!.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    private func release(_ host: String) {
        let next: Waiter? = state.withLock { state in
            if var queue = state.waiters[host], !queue.isEmpty {
                // Hand the slot straight to the next waiter: the in-flight count stays the same.
                let next = queue.removeFirst()
                state.waiters[host] = queue
                return next
            }
            state.inFlight[host, default: 1] -= 1
            return nil
        }
        next?.continuation.resume()
    }
}
