import Foundation
import ScantrailCore
import ScantrailStore
import ScantrailTestSupport
import Testing

@Suite("Scans recorded at the same time lose and duplicate nothing")
struct ConcurrencyContractTests {
    typealias F = ScanFactory

    @Test(
        "eight scans written at once, through separate connections, keep one consistent trail",
        arguments: TestBackend.allCases)
    func concurrentScans(backend: TestBackend) async throws {
        let clock = TestClock()
        let location = try await backend.freshLocation()
        // Migrate once, then let eight writers race, each with its own store (as separate processes would).
        try await EvidenceStore.withStore(at: location, actor: "setup", now: clock.reading) { _ in }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    try await EvidenceStore.withStore(at: location, actor: "writer-\(writer)", now: clock.reading) {
                        store in
                        let observed: [F.Observed] = [.failed(F.high, "/shared"), .failed(F.low, "/own/\(writer)")]
                        try await store.record(F.result(at: clock.now, observed))
                    }
                }
            }
            try await group.waitForAll()
        }
        try await EvidenceStore.withStore(at: location, actor: "checker", now: clock.reading) { store in
            let scans = try await store.scans()
            #expect(scans.map(\.sequence) == Array(1...8))
            #expect(scans.map(\.counts.new).reduce(0, +) == 9)
            #expect(try await store.findings().count == 9)
            let verification = try await store.verifyAudit()
            #expect(verification.isIntact && verification.entriesChecked == 17)
        }
    }
}
