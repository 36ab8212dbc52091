import Foundation
import ScantrailCore
import ScantrailStore
import ScantrailTestSupport
import Testing

@Suite("The audit log is a hash chain that names any tampering")
struct AuditContractTests {
    typealias F = ScanFactory

    /// A store with a few entries: opened ×2, scan.recorded, fixed, scan.recorded.
    func populated(_ store: EvidenceStore, clock: TestClock) async throws {
        try await store.record(F.result(at: clock.now, [.failed(F.high, "/a"), .failed(F.low, "/b")]))
        clock.advance(days: 1)
        try await store.record(F.result(at: clock.now, [.passed(F.high, "/a")]))
    }

    @Test("every change is an entry chained to the one before, and the chain verifies", arguments: TestBackend.allCases)
    func intact(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            try await populated(store, clock: clock)
            let entries = try await store.auditEntries()
            #expect(
                entries.map(\.action) == [
                    "finding.opened", "finding.opened", "scan.recorded", "finding.fixed", "scan.recorded",
                ])
            #expect(entries.map(\.sequence) == [1, 2, 3, 4, 5])
            #expect(entries[0].previousHash == AuditEntry.genesis)
            #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.hash == $1.previousHash })
            let verification = try await store.verifyAudit()
            #expect(verification.isIntact && verification.entriesChecked == 5)
        }
    }

    @Test(
        "an edited, deleted or reordered entry is detected and named",
        arguments: TestBackend.allCases
    )
    func tampering(backend: TestBackend) async throws {
        let cases: [(String, [SQLStatement])] = [
            ("entry 2 was edited", [SQLStatement("UPDATE audit_log SET details = '{}' WHERE seq = 2")]),
            ("entry 3 was deleted", [SQLStatement("DELETE FROM audit_log WHERE seq = 3")]),
            (
                "entry 2 is out of order",
                [
                    SQLStatement("UPDATE audit_log SET seq = 100 WHERE seq = 2"),
                    SQLStatement("UPDATE audit_log SET seq = 2 WHERE seq = 3"),
                    SQLStatement("UPDATE audit_log SET seq = 3 WHERE seq = 100"),
                ]
            ),
        ]
        for (expected, tamper) in cases {
            let clock = TestClock()
            try await backend.withStore(clock: clock) { store in
                try await populated(store, clock: clock)
                try await store.database.execute(tamper)
                let verification = try await store.verifyAudit()
                #expect(!verification.isIntact)
                #expect(verification.problems.contains { $0.hasPrefix(expected) }, "\(verification.problems)")
            }
        }
    }

    @Test(
        "pruning removes old entries, is itself an entry, and leaves a chain that verifies",
        arguments: TestBackend.allCases)
    func pruning(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            try await populated(store, clock: clock)
            clock.advance(days: 500)
            try await store.record(F.result(at: clock.now, [.failed(F.high, "/c")]))
            #expect(try await store.pruneAudit() == 5)
            let entries = try await store.auditEntries()
            #expect(entries.map(\.action) == ["finding.opened", "scan.recorded", "audit.pruned"])
            #expect(try await store.verifyAudit().isIntact)
            // Deleting the remaining history before the pruning entry is still caught.
            try await store.database.execute([SQLStatement("DELETE FROM audit_log WHERE seq = 6")])
            #expect(!(try await store.verifyAudit().isIntact))
        }
    }

    @Test("retention below 90 days is refused", arguments: TestBackend.allCases)
    func minimumRetention(backend: TestBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: StoreError.invalid("retention must be at least 90 days")) {
                try await store.pruneAudit(retentionDays: 30)
            }
        }
    }
}
