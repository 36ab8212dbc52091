import Foundation
import ScantrailCore
import ScantrailStore
import ScantrailTestSupport
import Testing

@Suite("History, lookups and diffs read the trail back")
struct QueryContractTests {
    typealias F = ScanFactory

    @Test("history lists a target's scans in order with what each changed", arguments: TestBackend.allCases)
    func history(backend: TestBackend) async throws {
        let clock = TestClock()
        let other = ScanTarget(scheme: "https", host: "other.example.com", port: 443)
        try await backend.withStore(clock: clock) { store in
            try await store.record(F.result(at: clock.now, [.failed(F.high, "/a")]))
            try await store.record(F.result(at: clock.now, target: other, [.failed(F.high, "/a")]))
            clock.advance(days: 2)
            let fixing = try await store.record(F.result(at: clock.now, [.passed(F.high, "/a")]))
            let history = try await store.scans(target: F.target.url)
            #expect(history.map(\.sequence) == [1, 3])
            #expect(history.map(\.counts.new) == [1, 0] && history.map(\.counts.fixed) == [0, 1])
            #expect(history[1].recordedAt == clock.now && history[1].observedAt == clock.now)
            #expect(try await store.scan("3").id == fixing.id)
            #expect(try await store.scan(String(fixing.id.prefix(8))).sequence == 3)
            await #expect(throws: StoreError.notFound("scan 9")) { try await store.scan("9") }
        }
    }

    @Test(
        "a recorded scan's whole result is kept, so any report renders again from the store",
        arguments: TestBackend.allCases)
    func recordedResult(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            let result = F.result(at: clock.now, [.failed(F.high, "/a"), .passed(F.low, "/b")])
            let record = try await store.record(result)
            let back = try await store.result(of: record)
            #expect(back.findings == result.findings && back.summary == result.summary)
            #expect(back.checks.map(\.evidence) == result.checks.map(\.evidence))
            #expect(back.startedAt == result.startedAt && back.target == result.target)
            let tracked = try await store.findings(fingerprints: result.findings.map(\.fingerprint))
            #expect(tracked.map(\.fingerprint) == result.findings.map(\.fingerprint))
            #expect(try await store.findings(fingerprints: []).isEmpty)
        }
    }

    @Test(
        "a diff sorts findings into new, fixed, unchanged and not retested, and shows coverage changes",
        arguments: TestBackend.allCases)
    func diff(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            try await store.record(
                F.result(
                    at: clock.now,
                    [
                        .failed(F.high, "/fixed"), .failed(F.high, "/same"), .failed(F.high, "/untested"),
                        .passed(F.low, "/dropped"),
                    ]))
            try await store.record(
                F.result(
                    at: clock.now,
                    [
                        .passed(F.high, "/fixed"), .failed(F.high, "/same"), .inconclusive(F.high, "/untested"),
                        .failed(F.low, "/new"),
                    ]))
            let diff = try await store.diff(from: "1", to: "2")
            func paths(_ items: [ScanDiff.Item]) -> [String] {
                items.map { String($0.location.split(separator: "/").last ?? "") }
            }
            #expect(paths(diff.new) == ["new"])
            #expect(paths(diff.fixed) == ["fixed"])
            #expect(paths(diff.unchanged) == ["same"])
            #expect(paths(diff.notRetested) == ["untested"])
            #expect(paths(diff.coverageGained) == ["new"])
            #expect(paths(diff.coverageLost).sorted() == ["dropped", "untested"])
        }
    }

    @Test("the failing fingerprints of a scan are what a baseline knows", arguments: TestBackend.allCases)
    func baseline(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            let scan = try await store.record(F.result(at: clock.now, [.failed(F.high, "/a"), .passed(F.low, "/a")]))
            #expect(try await store.failingFingerprints(in: scan.id) == [F.fingerprint(F.high, "/a")])
        }
    }
}
