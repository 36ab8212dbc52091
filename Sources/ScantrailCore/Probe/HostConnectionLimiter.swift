/// Caps the requests in flight to any one host (`host:port`), so a scan never opens more
/// than a set number of connections to a server. Waiting callers are served in order.
public actor HostConnectionLimiter {
    /// The most requests in flight per host.
    public let limitPerHost: Int
    private var inFlight: [String: Int] = [:]
    private var waiters: [String: [(id: Int, continuation: CheckedContinuation<Void, any Error>)]] = [:]
    private var nextWaiterID = 0

    /// Creates a limiter allowing `limitPerHost` requests at once to each host.
    public init(limitPerHost: Int) {
        precondition(limitPerHost > 0, "the per-host limit must be positive")
        self.limitPerHost = limitPerHost
    }

    /// Runs `body` while holding one of `host`'s slots, waiting for a slot first.
    ///
    /// - Throws: `CancellationError` if the task is cancelled while waiting, or what `body` throws.
    public nonisolated func withSlot<Result: Sendable>(
        for host: String,
        _ body: () async throws -> Result
    ) async throws -> Result {
        try await acquire(host)
        defer { Task { await self.release(host) } }
        return try await body()
    }

    private func acquire(_ host: String) async throws {
        try Task.checkCancellation()
        if inFlight[host, default: 0] < limitPerHost {
            inFlight[host, default: 0] += 1
            return
        }
        let id = nextWaiterID
        nextWaiterID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters[host, default: []].append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancelWaiter(id, host: host) }
        }
    }

    private func release(_ host: String) {
        if var queue = waiters[host], !queue.isEmpty {
            // Hand the slot straight to the next waiter: the in-flight count stays the same.
            let next = queue.removeFirst()
            waiters[host] = queue
            next.continuation.resume()
        } else {
            inFlight[host, default: 1] -= 1
        }
    }

    private func cancelWaiter(_ id: Int, host: String) {
        guard let index = waiters[host]?.firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters[host]!.remove(at: index)
        waiter.continuation.resume(throwing: CancellationError())
    }
}
