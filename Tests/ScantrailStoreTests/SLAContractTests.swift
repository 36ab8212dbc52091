import Foundation
import ScantrailCore
import ScantrailStore
import ScantrailTestSupport
import Testing

@Suite("Remediation deadlines: frozen at detection, met or missed to the millisecond")
struct SLAContractTests {
    typealias F = ScanFactory

    @Test("a fix on the deadline is met; one millisecond later is missed", arguments: TestBackend.allCases)
    func fixAtTheBoundary(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            let start = clock.now
            try await store.record(F.result(at: start, [.failed(F.high, "/met"), .failed(F.high, "/missed")]))
            let deadline = start.addingTimeInterval(30 * 86_400)
            try await store.record(F.result(at: deadline, [.passed(F.high, "/met")]))
            try await store.record(F.result(at: deadline.addingTimeInterval(0.001), [.passed(F.high, "/missed")]))
            let met = try await store.finding(F.fingerprint(F.high, "/met").rawValue).finding
            let missed = try await store.finding(F.fingerprint(F.high, "/missed").rawValue).finding
            #expect(met.dueAt == deadline)
            #expect(met.slaStatus(at: clock.now) == .met)
            #expect(missed.slaStatus(at: clock.now) == .missed)
        }
    }

    @Test("an open finding is within its deadline up to the deadline, overdue after", arguments: TestBackend.allCases)
    func openAtTheBoundary(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            let start = clock.now
            try await store.record(F.result(at: start, [.failed(F.high, "/a"), .failed(F.low, "/a")]))
            let deadline = start.addingTimeInterval(30 * 86_400)
            let finding = try await store.finding(F.fingerprint(F.high, "/a").rawValue).finding
            #expect(finding.slaStatus(at: deadline) == .openWithin)
            #expect(finding.slaStatus(at: deadline.addingTimeInterval(1)) == .openOverdue)
            #expect(try await store.findings(overdueAt: deadline).isEmpty)
            let overdue = try await store.findings(overdueAt: deadline.addingTimeInterval(1))
            #expect(overdue.map(\.fingerprint) == [F.fingerprint(F.high, "/a")])
        }
    }

    @Test("changing the policy affects new findings only", arguments: TestBackend.allCases)
    func policyChange(backend: TestBackend) async throws {
        let clock = TestClock()
        let location = try await backend.freshLocation()
        let start = clock.now
        _ = try await EvidenceStore.withStore(at: location, actor: "tester", now: clock.reading) { store in
            try await store.record(F.result(at: start, [.failed(F.high, "/old")]))
        }
        var stricter = SLAPolicy()
        stricter.high = 10
        try await EvidenceStore.withStore(at: location, policy: stricter, actor: "tester", now: clock.reading) {
            store in
            try await store.record(F.result(at: start, [.failed(F.high, "/old"), .failed(F.high, "/new")]))
            let old = try await store.finding(F.fingerprint(F.high, "/old").rawValue).finding
            let new = try await store.finding(F.fingerprint(F.high, "/new").rawValue).finding
            #expect(old.dueAt == start.addingTimeInterval(30 * 86_400))
            #expect(new.dueAt == start.addingTimeInterval(10 * 86_400))
        }
    }
}
