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

    @Test("the readiness report of a monitored target lists the scheduled runs it missed in the period")
    func readinessListsMissedRuns() async throws {
        try await Self.withSettings { settings in
            let now = Date()
            let added = now.addingTimeInterval(-10 * 86_400)
            // Added ten days ago (the store's clock set back), daily, and never scanned since.
            try await EvidenceStore.withStore(at: settings.location, actor: "ops", now: { added }) { store in
                try await store.addTarget(
                    url: "https://api.example.com/", schedule: try Schedule(every: "24h").description, description: nil,
                    identitiesFrom: nil, nextRunAt: added)
            }
            let report = try await ReadinessAssessment.report(
                target: "https://api.example.com",
                period: try ReportPeriod(
                    from: Timestamp.day(now.addingTimeInterval(-20 * 86_400)), to: Timestamp.day(now)),
                attestations: nil, cadenceDays: 7, settings: settings)
            let missed = try #require(report.monitoring?.missedRuns)
            #expect(report.monitoring?.schedule == "every 1d")
            // The store keeps milliseconds.
            #expect(abs((missed.first ?? .distantPast).timeIntervalSince(added)) < 0.001)
            #expect((9...10).contains(missed.count), "\(missed)")
            #expect(report.checklist.first { $0.id == "external-scans" }?.state == .gap)
        }
    }
}
