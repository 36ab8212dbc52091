import Foundation
import ScantrailCore
import ScantrailStore
import ScantrailTestSupport
import Testing

@Suite("The dashboard reads the trail a page at a time")
struct PageContractTests {
    typealias F = ScanFactory

    @Test(
        "open findings page nearest deadline first, undated last, and the cursor visits each exactly once",
        arguments: TestBackend.allCases)
    func pagesInDueOrder(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            try await store.record(F.result(at: clock.now, (0..<5).map { .failed(F.high, "/sooner/\($0)") }))
            clock.advance(days: 3)
            try await store.record(
                F.result(
                    at: clock.now,
                    (0..<5).map { .failed(F.high, "/later/\($0)") } + (0..<4).map { .failed(F.info, "/info/\($0)") }))
            var seen: [TrackedFinding] = []
            var cursor: FindingCursor?
            var pages = 0
            repeat {
                let page = try await store.findings(FindingFilter(), after: cursor, limit: 4)
                #expect(page.findings.count <= 4)
                seen += page.findings
                cursor = page.next.flatMap { FindingCursor(token: $0.token) }
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 4)
            #expect(seen.count == 14 && Set(seen.map(\.fingerprint)).count == 14)
            let deadlines = seen.map { $0.dueAt ?? .distantFuture }
            #expect(deadlines == deadlines.sorted())
            #expect(seen.prefix(5).allSatisfy { $0.location.path.hasPrefix("/sooner/") })
            #expect(seen.suffix(4).allSatisfy { $0.dueAt == nil && $0.severity == .info })
        }
    }

    @Test("a page filters by state, target and severity", arguments: TestBackend.allCases)
    func filters(backend: TestBackend) async throws {
        let clock = TestClock()
        let other = ScanTarget(scheme: "https", host: "other.example.com", port: 443)
        try await backend.withStore(clock: clock) { store in
            try await store.record(F.result(at: clock.now, [.failed(F.high, "/a"), .failed(F.low, "/b")]))
            try await store.record(F.result(at: clock.now, target: other, [.failed(F.high, "/a")]))
            try await store.accept(F.fingerprint(F.high, "/a").rawValue, reason: "behind a VPN")
            let open = try await store.findings(FindingFilter(target: F.target.url))
            #expect(open.findings.map(\.location.path) == ["/b"] && open.next == nil)
            let accepted = try await store.findings(FindingFilter(status: .accepted))
            #expect(accepted.findings.map(\.target) == [F.target.url])
            let high = try await store.findings(FindingFilter(severity: .high))
            #expect(high.findings.map(\.target) == [other.url])
        }
    }

    @Test(
        "counts by state and severity follow every recorded scan and every decision",
        arguments: TestBackend.allCases)
    func counts(backend: TestBackend) async throws {
        let clock = TestClock()
        let other = ScanTarget(scheme: "https", host: "other.example.com", port: 443)
        try await backend.withStore(clock: clock) { store in
            try await store.record(
                F.result(at: clock.now, [.failed(F.high, "/a"), .failed(F.high, "/b"), .failed(F.low, "/c")]))
            try await store.record(F.result(at: clock.now, target: other, [.failed(F.high, "/a")]))
            var counts = try await store.findingCounts(target: F.target.url)
            #expect(counts[.open, .high] == 2 && counts[.open, .low] == 1 && counts.total(.open) == 3)
            try await store.record(F.result(at: clock.now, [.passed(F.high, "/a")]))
            try await store.accept(F.fingerprint(F.low, "/c").rawValue, reason: "known", expiresAt: clock.now + 86_400)
            counts = try await store.findingCounts(target: F.target.url)
            #expect(counts[.open, .high] == 1 && counts[.fixed, .high] == 1 && counts[.accepted, .low] == 1)
            #expect(counts.total(.open) == 1 && counts.bySeverity(.open) == [.high: 1])
            clock.advance(days: 2)
            try await store.expireAcceptances()
            counts = try await store.findingCounts()
            #expect(counts[.open, .high] == 2 && counts[.open, .low] == 1 && counts[.fixed, .high] == 1)
            #expect(try await store.statusCounts() == [.open: 3, .fixed: 1])
        }
    }

    @Test(
        "a target's scans page newest first; targets list their latest scan and open findings",
        arguments: TestBackend.allCases)
    func history(backend: TestBackend) async throws {
        let clock = TestClock()
        let other = ScanTarget(scheme: "https", host: "other.example.com", port: 443)
        try await backend.withStore(clock: clock) { store in
            for _ in 0..<3 { try await store.record(F.result(at: clock.now, [.failed(F.high, "/a")])) }
            try await store.record(F.result(at: clock.now, target: other, []))
            let newest = try await store.recentScans(target: F.target.url, limit: 2)
            #expect(newest.map(\.sequence) == [3, 2])
            #expect(try await store.recentScans(target: F.target.url, before: 2).map(\.sequence) == [1])
            let targets = try await store.targets()
            #expect(targets.map(\.target) == [F.target.url, other.url])
            #expect(targets.map(\.scanCount) == [3, 1] && targets.map(\.latest.sequence) == [3, 4])
            #expect(targets.map(\.openFindings) == [[.high: 1], [:]])
            let entries = try await store.auditEntries(after: 2, limit: 2)
            #expect(entries.map(\.sequence) == [3, 4])
        }
    }

    @Test("a cursor token reads back; anything else is refused")
    func cursorTokens() {
        let dated = FindingCursor(token: "1790000000000.ab12")
        #expect(dated?.dueAt == Date(timeIntervalSince1970: 1_790_000_000) && dated?.token == "1790000000000.ab12")
        #expect(FindingCursor(token: "-.ab12")?.dueAt == nil)
        for bad in ["", ".", "12", "x.ab", "1.zz", "1.ab.cd", "-1.ab", "1."] {
            #expect(FindingCursor(token: bad) == nil, "\(bad)")
        }
    }
}
