import Foundation
import ScantrailCore
import ScantrailStore
import ScantrailTestSupport
import Testing

@Suite("Not applicable closes a finding whose subject is gone; inconclusive never does, on both backends")
struct NotApplicableContractTests {
    typealias F = ScanFactory

    @Test(
        "a cookie finding whose cookie is no longer set is fixed at the next scan, and says so",
        arguments: TestBackend.allCases)
    func cookieGone(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            // The first scan sees two cookies at /login, both failing.
            try await store.record(
                F.result(
                    at: clock.now,
                    [
                        .failed(F.high, "/login").about("session"), .failed(F.high, "/login").about("theme"),
                        .notApplicable(F.high, "/login"),
                    ]))
            // The next one sees only "theme", still failing: "session" is gone.
            clock.advance(days: 2)
            let next = try await store.record(
                F.result(at: clock.now, [.failed(F.high, "/login").about("theme"), .notApplicable(F.high, "/login")]))
            #expect(next.counts.fixed == 1 && next.counts.new == 0)
            let session = try await store.finding(F.fingerprint(F.high, "/login", about: "session").rawValue)
            #expect(session.finding.status == .fixed && session.finding.fixedScanID == next.id)
            let proof = try #require(session.proofOfFix)
            #expect(proof.failing.reference.outcome == .failed)
            #expect(proof.passing.reference.outcome == .notApplicable && proof.passing.reference.scanID == next.id)
            let theme = try await store.finding(F.fingerprint(F.high, "/login", about: "theme").rawValue)
            #expect(theme.finding.status == .open)
        }
    }

    @Test("a scan that could not reach the endpoint changes nothing", arguments: TestBackend.allCases)
    func unreachableChangesNothing(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            try await store.record(F.result(at: clock.now, [.failed(F.high, "/login").about("session")]))
            clock.advance(days: 1)
            let failedFetch = try await store.record(F.result(at: clock.now, [.inconclusive(F.high, "/login")]))
            #expect(failedFetch.counts.fixed == 0)
            let elsewhere = try await store.record(F.result(at: clock.now, [.notApplicable(F.high, "/other")]))
            #expect(elsewhere.counts.fixed == 0)
            let otherRule = try await store.record(F.result(at: clock.now, [.notApplicable(F.low, "/login")]))
            #expect(otherRule.counts.fixed == 0)
            #expect(try await store.findings(status: .open).count == 1)
        }
    }

    @Test(
        "a not-applicable outcome about the very thing closes it; a fixed finding failing again reopens",
        arguments: TestBackend.allCases)
    func exact(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            try await store.record(F.result(at: clock.now, [.failed(F.low, "/graphql")]))
            clock.advance(days: 1)
            #expect(
                try await store.record(F.result(at: clock.now, [.notApplicable(F.low, "/graphql")])).counts.fixed == 1)
            clock.advance(days: 1)
            #expect(try await store.record(F.result(at: clock.now, [.failed(F.low, "/graphql")])).counts.reopened == 1)
        }
    }
}
