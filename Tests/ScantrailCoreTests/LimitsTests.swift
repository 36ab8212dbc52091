import ScantrailCore
import Testing

@Suite("Request budget and per-host connection cap")
struct LimitsTests {
    @Test("a budget hands out exactly its limit, then refuses")
    func budget() async {
        let budget = RequestBudget(limit: 50)
        let granted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<80 { group.addTask { budget.take() } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(granted == 50)
        #expect(budget.spent == 50)
        #expect(!budget.take())
    }

    @Test("the limiter never lets more than its limit run per host, and hosts do not share slots")
    func limiter() async throws {
        let limiter = HostConnectionLimiter(limitPerHost: 3)
        let tracker = ConcurrencyTracker()
        let other = ConcurrencyTracker()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<24 {
                group.addTask {
                    let host = index.isMultiple(of: 2) ? "a:1" : "b:1"
                    let counter = index.isMultiple(of: 2) ? tracker : other
                    try await limiter.withSlot(for: host) {
                        // In until three have been in together: the cap is reached, and never passed.
                        await counter.enter()
                        await counter.waitUntilReached(3)
                        await counter.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await tracker.highest == 3)
        #expect(await other.highest == 3)
    }

    @Test("a task waiting for a slot can be cancelled")
    func cancelWaiting() async throws {
        let limiter = HostConnectionLimiter(limitPerHost: 1)
        let (holding, held) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await limiter.withSlot(for: "h") {
                held.yield()
                try await Task.sleep(for: .seconds(30))
            }
        }
        // The waiter queues only once the holder has the one slot.
        for await _ in holding { break }
        let waiter = Task { try await limiter.withSlot(for: "h") { "got in" } }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        holder.cancel()
    }
}
