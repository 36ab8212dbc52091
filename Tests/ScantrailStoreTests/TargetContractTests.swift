import Foundation
import ScantrailStore
import Testing

@Suite("Monitored targets: added, paused, resumed and removed, each in the audit log")
struct TargetContractTests {
    @Test("a target is added once, found by id or URL, paused, resumed and removed", arguments: TestBackend.allCases)
    func lifecycle(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            let due = clock.now.addingTimeInterval(3_600)
            let added = try await store.addTarget(
                url: "https://api.example.com/", schedule: "every 86400",
                description: "https://api.example.com/openapi.json",
                identitiesFrom: nil, nextRunAt: due)
            #expect(added.id.hasPrefix("t_") && added.id.count == 10 && added.createdBy == "tester")
            await #expect(throws: StoreError.invalid("https://api.example.com/ is already monitored")) {
                try await store.addTarget(
                    url: "https://api.example.com/", schedule: "every 3600", description: nil, identitiesFrom: nil,
                    nextRunAt: due)
            }
            #expect(try await store.monitoredTarget(added.id) == added)
            #expect(try await store.monitoredTarget("https://api.example.com/").nextRunAt == due)
            try await store.pauseTarget(added.id)
            #expect(try await store.monitoredTarget(added.id).pausedAt == clock.now)
            await #expect(throws: StoreError.self) { try await store.pauseTarget(added.id) }
            let later = due.addingTimeInterval(86_400)
            try await store.resumeTarget(added.id, nextRunAt: later)
            let resumed = try await store.monitoredTarget(added.id)
            #expect(resumed.pausedAt == nil && resumed.nextRunAt == later)
            try await store.removeTarget(added.id)
            #expect(try await store.monitoredTargets().isEmpty)
            await #expect(throws: StoreError.notFound("monitored target \(added.id)")) {
                try await store.removeTarget(added.id)
            }
            let actions = try await store.auditEntries(subject: added.id).map(\.action)
            #expect(actions == ["target.added", "target.paused", "target.resumed", "target.removed"])
            #expect(try await store.verifyAudit().isIntact)
        }
    }
}
