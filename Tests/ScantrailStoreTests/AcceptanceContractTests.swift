import Foundation
import ScantrailCore
import ScantrailStore
import ScantrailTestSupport
import Testing

@Suite("Risk acceptance and false positives: who, why, until when")
struct AcceptanceContractTests {
    typealias F = ScanFactory

    @Test("an accepted finding leaves the open list until its acceptance expires", arguments: TestBackend.allCases)
    func acceptanceExpires(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            try await store.record(F.result(at: clock.now, [.failed(F.high, "/a")]))
            let id = F.fingerprint(F.high, "/a")
            let accepted = try await store.accept(
                String(id.rawValue.prefix(12)), reason: "compensating WAF rule",
                expiresAt: clock.now.addingTimeInterval(5 * 86_400))
            #expect(accepted.status == .accepted && accepted.acceptance?.by == "tester")
            #expect(try await store.acceptedFingerprints() == [id])
            #expect(try await store.findings(status: .open).isEmpty)

            clock.advance(days: 4)
            #expect(try await store.expireAcceptances().isEmpty)
            clock.advance(days: 2)
            let reopened = try await store.expireAcceptances()
            #expect(reopened.map(\.fingerprint) == [id])
            #expect(try await store.findings(status: .open).map(\.fingerprint) == [id])
            let actions = try await store.finding(id.rawValue).entries.map(\.action)
            #expect(actions == ["finding.opened", "finding.accepted", "finding.acceptance-expired"])
        }
    }

    @Test("recording a scan reopens lapsed acceptances too", arguments: TestBackend.allCases)
    func recordExpires(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            try await store.record(F.result(at: clock.now, [.failed(F.high, "/a")]))
            let id = F.fingerprint(F.high, "/a").rawValue
            try await store.accept(
                id, as: .falsePositive, reason: "test fixture", expiresAt: clock.now.addingTimeInterval(60))
            clock.advance(days: 1)
            try await store.record(F.result(at: clock.now, [.failed(F.high, "/a")]))
            #expect(try await store.finding(id).finding.status == .open)
        }
    }

    @Test(
        "a fixed finding cannot be accepted, a reason is required, and unknown ids are refused",
        arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            try await store.record(F.result(at: clock.now, [.failed(F.high, "/a"), .failed(F.low, "/b")]))
            try await store.record(F.result(at: clock.now, [.passed(F.high, "/a")]))
            let fixed = F.fingerprint(F.high, "/a").rawValue
            let open = F.fingerprint(F.low, "/b").rawValue
            await #expect(
                throws: StoreError.invalid("finding \(fixed.prefix(12)) is fixed; there is nothing to accept")
            ) {
                try await store.accept(fixed, reason: "r")
            }
            await #expect(throws: StoreError.invalid("a reason is required")) {
                try await store.accept(open, reason: " ")
            }
            await #expect(throws: StoreError.notFound("finding abcdef")) {
                try await store.accept("abcdef", reason: "r")
            }
            await #expect(throws: StoreError.self) { try await store.accept("%%%%", reason: "r") }
        }
    }
}
