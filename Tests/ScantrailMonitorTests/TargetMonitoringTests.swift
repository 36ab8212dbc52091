import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailMonitor
import ScantrailStore
import Testing

@Suite("Monitored targets through the application core")
struct TargetMonitoringTests {
    static func withSettings(_ body: (StoreSettings) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(StoreSettings(location: .sqlite(path: folder.appendingPathComponent("t.db").path), actor: "ops"))
    }

    @Test("a target is added by its normal URL, found by URL or id, and its schedule reads back")
    func addAndFind() async throws {
        try await Self.withSettings { settings in
            let now = Date()
            let schedule = try Schedule(cron: "0 3 * * 1-5", timeZone: "Europe/Berlin")
            let added = try await TargetMonitoring.add(
                "HTTPS://API.example.com", schedule: schedule, description: nil, identitiesFrom: "ops.yaml",
                settings: settings, now: now)
            #expect(added.url == "https://api.example.com/" && added.nextRunAt == now)
            #expect(try Schedule(spec: added.schedule) == schedule)
            let status = try await TargetMonitoring.status(of: "https://api.example.com", settings: settings, now: now)
            #expect(status.target.id == added.id && status.missedRuns.isEmpty)
            await #expect(throws: AppError.self) {
                try await TargetMonitoring.add(
                    "not a url", schedule: schedule, description: nil, identitiesFrom: nil, settings: settings)
            }
            _ = try await TargetMonitoring.pause(added.id, settings: settings)
            let resumed = try await TargetMonitoring.resume(added.url, settings: settings, now: now + 60)
            #expect(resumed.id == added.id)
            _ = try await TargetMonitoring.remove(added.id, settings: settings)
            #expect(try await TargetMonitoring.statuses(settings: settings).isEmpty)
        }
    }

    @Test("every schedule reads back from the text the store keeps")
    func specs() throws {
        for schedule in [
            try Schedule(every: "30m"), try Schedule(every: "36h"), try Schedule(every: "2w"),
            try Schedule(cron: "@daily", timeZone: "America/New_York"),
        ] {
            #expect(try Schedule(spec: schedule.description) == schedule, "\(schedule)")
        }
        #expect(throws: Schedule.Invalid.self) { try Schedule(spec: "whenever") }
    }
}
