import Synchronization

/// Caps the requests in flight to any one host (`host:port`), so a scan never opens more
/// than a set number of connections to a server. Waiting callers are served in order; taking a
/// free slot and giving one back never suspend.
public final class HostConnectionLimiter: Sendable {
    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Void, any Error>
    }

    /// Waiters of one host, first in first out, without shifting the array on every pop.
    private struct Queue {
        private var items: [Waiter?] = []
        private var head = 0

        var isEmpty: Bool { head == items.count }

        mutating func append(_ waiter: Waiter) {
            items.append(waiter)
        }

        mutating func popFirst() -> Waiter? {
            while head < items.count {
                let waiter = items[head]
                items[head] = nil
                head += 1
                if head > 64 && head * 2 > items.count {
                    items.removeFirst(head)
                    head = 0
                }
                if let waiter { return waiter }
            }
            return nil
        }

        /// Takes out the waiter with `id`, if it is still queued.
        mutating func remove(id: Int) -> Waiter? {
            guard let index = items[head...].firstIndex(where: { $0?.id == id }) else { return nil }
            let waiter = items[index]
            items[index] = nil
            return waiter
        }
    }

    private struct State {
        var inFlight: [String: Int] = [:]
        var waiters: [String: Queue] = [:]
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
                    state.waiters[host, default: Queue()].append(Waiter(id: ticket, continuation: continuation))
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
                guard let waiter = state.waiters[host]?.remove(id: ticket) else {
                    // Not queued yet: the continuation will see the mark and give up.
                    state.cancelled.insert(ticket)
                    return nil
                }
                return waiter
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    private func release(_ host: String) {
        let next: Waiter? = state.withLock { state in
            // Hand the slot straight to the next waiter: the in-flight count stays the same.
            if let next = state.waiters[host]?.popFirst() {
                return next
            }
            state.inFlight[host, default: 1] -= 1
            return nil
        }
        next?.continuation.resume()
    }
}
