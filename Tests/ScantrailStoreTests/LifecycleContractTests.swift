import Foundation
import ScantrailCore
import ScantrailTestSupport
import Testing

@testable import ScantrailStore

@Suite("Finding lifecycle across scans, on SQLite and PostgreSQL alike")
struct LifecycleContractTests {
    typealias F = ScanFactory

    @Test(
        "detect, fix, reopen: each step changes the finding and keeps the proof of fix", arguments: TestBackend.allCases
    )
    func detectFixReopen(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            let first = try await store.record(F.result(at: clock.now, [.failed(F.high, "/a"), .passed(F.low, "/a")]))
            #expect(first.counts.new == 1 && first.counts.fixed == 0 && first.sequence == 1)
            var finding = try await store.finding(F.fingerprint(F.high, "/a").rawValue).finding
            #expect(finding.status == .open)
            #expect(finding.firstScanID == first.id)

            clock.advance(days: 3)
            let second = try await store.record(F.result(at: clock.now, [.passed(F.high, "/a")]))
            #expect(second.counts.fixed == 1)
            let history = try await store.finding(finding.id)
            finding = history.finding
            #expect(finding.status == .fixed && finding.fixedScanID == second.id)
            let proof = try #require(history.proofOfFix)
            #expect(proof.failing.reference.scanID == first.id && proof.passing.reference.scanID == second.id)
            #expect(proof.failing.isIntact && proof.passing.isIntact)
            #expect(proof.failing.reference.detail == "/a failed" && proof.passing.reference.detail == "/a passed")
            #expect(proof.failing.evidence != nil && proof.failing.evidence != proof.passing.evidence)

            clock.advance(days: 3)
            let third = try await store.record(F.result(at: clock.now, [.failed(F.high, "/a")]))
            #expect(third.counts.reopened == 1 && third.counts.new == 0)
            finding = try await store.finding(finding.id).finding
            #expect(finding.status == .open && finding.reopenCount == 1 && finding.fixedScanID == nil)
            let actions = try await store.finding(finding.id).entries.map(\.action)
            #expect(actions == ["finding.opened", "finding.fixed", "finding.reopened"])
        }
    }

    @Test(
        "a scan that did not cover a finding, or could not judge it, does not fix it", arguments: TestBackend.allCases)
    func notCoveredIsNotFixed(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            try await store.record(F.result(at: clock.now, [.failed(F.high, "/a"), .failed(F.high, "/b")]))
            clock.advance(days: 1)
            let later = try await store.record(
                F.result(at: clock.now, [.inconclusive(F.high, "/a"), .passed(F.high, "/elsewhere")]))
            #expect(later.counts.fixed == 0)
            let open = try await store.findings(status: .open)
            #expect(open.count == 2)
        }
    }

    @Test("the same problem keeps one tracked finding scan after scan", arguments: TestBackend.allCases)
    func noDuplicates(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            for _ in 0..<3 {
                try await store.record(F.result(at: clock.now, [.failed(F.high, "/a"), .failed(F.low, "/a")]))
                clock.advance(days: 1)
            }
            let all = try await store.findings()
            #expect(all.count == 2)
            #expect(all.map(\.severity) == [.high, .low])
            #expect(try await store.scans().map(\.sequence) == [1, 2, 3])
        }
    }

    @Test("opening a store twice applies the migrations once", arguments: TestBackend.allCases)
    func migrationsAreIdempotent(backend: TestBackend) async throws {
        let location = try await backend.freshLocation()
        for _ in 0..<2 {
            try await EvidenceStore.withStore(at: location, actor: "tester") { store in
                let versions = try await store.database.rows(SQLStatement("SELECT version FROM schema_migrations"))
                #expect(
                    try versions.map { try $0.integer("version") }.sorted()
                        == Schema.migrations.map { Int64($0.version) })
            }
        }
    }
}
