import Foundation
import ScantrailStore
import ScantrailTestSupport
import Testing

@Suite("The workers' queue: due scans queued once, claimed under a lease, taken over, retried, recorded once")
struct JobQueueContractTests {
    /// Every schedule in these tests: daily.
    static let daily: @Sendable (MonitoredTarget, Date) -> Date = { _, now in now.addingTimeInterval(86_400) }

    @discardableResult
    static func addTarget(_ store: EvidenceStore, _ url: String, dueAt: Date) async throws -> MonitoredTarget {
        try await store.addTarget(
            url: url, schedule: "every 86400", description: nil, identitiesFrom: nil, nextRunAt: dueAt)
    }

    @Test(
        "a due, unpaused target gets one job, and no second while that one is queued or running",
        arguments: TestBackend.allCases)
    func enqueue(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            let due = try await Self.addTarget(store, "https://a.example/", dueAt: clock.now)
            try await Self.addTarget(store, "https://later.example/", dueAt: clock.now.addingTimeInterval(60))
            let paused = try await Self.addTarget(store, "https://paused.example/", dueAt: clock.now)
            try await store.pauseTarget(paused.id)

            let queued = try await store.enqueueDueScans(maxAttempts: 3, next: Self.daily)
            #expect(queued.map(\.targetID) == [due.id])
            #expect(queued.first?.state == .queued && queued.first?.dueAt == clock.now)
            #expect(try await store.monitoredTarget(due.id).nextRunAt == clock.now.addingTimeInterval(86_400))

            clock.advance(days: 2)  // due again, but its job has not run
            let again = try await store.enqueueDueScans(maxAttempts: 3, next: Self.daily)
            #expect(again.map(\.url) == ["https://later.example/"])
            #expect(try await store.scanJobs(target: due.id).count == 1)
        }
    }

    @Test(
        "a claim takes the oldest runnable job for one worker until its lease ends; heartbeats extend it",
        arguments: TestBackend.allCases)
    func claim(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            try await Self.addTarget(store, "https://first.example/", dueAt: clock.now.addingTimeInterval(-10))
            try await Self.addTarget(store, "https://second.example/", dueAt: clock.now)
            try await store.enqueueDueScans(maxAttempts: 3, next: Self.daily)

            let first = try #require(try await store.claimScanJob(worker: "w1", leaseSeconds: 30))
            #expect(first.url == "https://first.example/" && first.state == .running && first.attempts == 1)
            #expect(first.worker == "w1" && first.leaseUntil == clock.now.addingTimeInterval(30))
            let second = try #require(try await store.claimScanJob(worker: "w2", leaseSeconds: 30))
            #expect(second.url == "https://second.example/")
            #expect(try await store.claimScanJob(worker: "w3", leaseSeconds: 30) == nil)

            clock.advance(seconds: 20)
            let renewed = try await store.renewLease(of: first, leaseSeconds: 30)
            #expect(renewed.leaseUntil == clock.now.addingTimeInterval(30) && renewed.heartbeatAt == clock.now)
            clock.advance(seconds: 20)  // first's renewed lease holds, second's has lapsed
            let takenOver = try #require(try await store.claimScanJob(worker: "w3", leaseSeconds: 30))
            #expect(takenOver.id == second.id && takenOver.worker == "w3" && takenOver.attempts == 2)
            #expect(takenOver.lastError == "the lease of w2 lapsed")
        }
    }

    @Test(
        "a worker whose job was taken over can neither renew nor record it; the new holder records it once",
        arguments: TestBackend.allCases)
    func fencing(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            let target = try await Self.addTarget(store, "https://api.example.com/", dueAt: clock.now)
            try await store.enqueueDueScans(maxAttempts: 3, next: Self.daily)
            let lost = try #require(try await store.claimScanJob(worker: "dead", leaseSeconds: 30))
            clock.advance(seconds: 31)
            let current = try #require(try await store.claimScanJob(worker: "alive", leaseSeconds: 30))

            let result = ScanFactory.result(at: clock.now, [.failed(ScanFactory.high, "/")])
            await #expect(throws: StoreError.leaseLost(lost.id)) {
                try await store.renewLease(of: lost, leaseSeconds: 30)
            }
            await #expect(throws: StoreError.leaseLost(lost.id)) { try await store.record(result, completing: lost) }
            #expect(try await store.scans().isEmpty)

            let record = try await store.record(result, completing: current)
            let done = try await store.scanJob(current.id)
            #expect(done.state == .succeeded && done.scanID == record.id && done.finishedAt == clock.now)
            await #expect(throws: StoreError.leaseLost(current.id)) {
                try await store.record(result, completing: current)
            }
            #expect(try await store.scans().count == 1)
            let recorded = try #require(try await store.auditEntries(subject: record.id).first)
            #expect(recorded.action == "scan.recorded" && recorded.details.contains("\"job\":\"\(current.id)\""))
            // Done, the target is queued again when next due.
            clock.advance(days: 1)
            #expect(try await store.enqueueDueScans(maxAttempts: 3, next: Self.daily).map(\.targetID) == [target.id])
        }
    }

    @Test(
        "a failed attempt is retried at its back-off time; the last one fails the job, audited on its target",
        arguments: TestBackend.allCases)
    func retries(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            let target = try await Self.addTarget(store, "https://down.example/", dueAt: clock.now)
            try await store.enqueueDueScans(maxAttempts: 2, next: Self.daily)
            let first = try #require(try await store.claimScanJob(worker: "w", leaseSeconds: 30))
            let retry = clock.now.addingTimeInterval(60)
            let queued = try await store.failScanJob(first, error: "connection refused", retryAt: retry)
            #expect(queued.state == .queued && queued.runAt == retry && queued.lastError == "connection refused")
            #expect(try await store.claimScanJob(worker: "w", leaseSeconds: 30) == nil)

            clock.advance(seconds: 60)
            let second = try #require(try await store.claimScanJob(worker: "w", leaseSeconds: 30))
            #expect(second.attempts == 2)
            let failed = try await store.failScanJob(second, error: "connection refused", retryAt: retry)
            #expect(failed.state == .failed && failed.finishedAt == clock.now)
            let entry = try #require(try await store.auditEntries(subject: target.id).last)
            #expect(entry.action == "scan.failed" && entry.details.contains("connection refused"))
            #expect(try await store.verifyAudit().isIntact)
        }
    }

    @Test(
        "a job whose worker died on its last attempt fails when the next worker looks for due scans",
        arguments: TestBackend.allCases)
    func abandoned(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            let target = try await Self.addTarget(store, "https://api.example.com/", dueAt: clock.now)
            try await store.enqueueDueScans(maxAttempts: 1, next: Self.daily)
            let job = try #require(try await store.claimScanJob(worker: "gone", leaseSeconds: 30))
            clock.advance(seconds: 31)
            #expect(try await store.claimScanJob(worker: "next", leaseSeconds: 30) == nil)
            try await store.enqueueDueScans(maxAttempts: 1, next: Self.daily)
            let failed = try await store.scanJob(job.id)
            #expect(failed.state == .failed && failed.lastError == "the lease of gone lapsed on its last attempt")
            #expect(try await store.auditEntries(subject: target.id).last?.action == "scan.failed")
        }
    }

    @Test("concurrent claims by many workers never hand one job to two", arguments: TestBackend.allCases)
    func concurrentClaims(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            for index in 0..<12 {
                try await Self.addTarget(store, "https://api\(index).example/", dueAt: clock.now)
            }
            try await store.enqueueDueScans(maxAttempts: 3, next: Self.daily)
            let claimed = try await withThrowingTaskGroup(of: ScanJob?.self) { group in
                for worker in 0..<16 {
                    group.addTask { try await store.claimScanJob(worker: "w\(worker)", leaseSeconds: 30) }
                }
                return try await group.reduce(into: [ScanJob]()) { jobs, job in jobs += [job].compactMap { $0 } }
            }
            #expect(claimed.count == 12 && Set(claimed.map(\.id)).count == 12)
        }
    }

    @Test("a job is cancelled unrun, and the claim that ended cannot be used again", arguments: TestBackend.allCases)
    func cancel(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            try await Self.addTarget(store, "https://api.example.com/", dueAt: clock.now)
            try await store.enqueueDueScans(maxAttempts: 3, next: Self.daily)
            let job = try #require(try await store.claimScanJob(worker: "w", leaseSeconds: 30))
            let cancelled = try await store.cancelScanJob(job, reason: "its target is paused")
            #expect(cancelled.state == .cancelled && cancelled.lastError == "its target is paused")
            await #expect(throws: StoreError.leaseLost(job.id)) {
                try await store.failScanJob(job, error: "late", retryAt: nil)
            }
        }
    }
}
