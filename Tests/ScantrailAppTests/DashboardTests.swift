import Foundation
import ScantrailCore
import ScantrailStore
import Testing

@testable import ScantrailApp

@Suite("The dashboard's reading of the trail")
struct DashboardTests {
    typealias R = ReadinessTests

    @Test("a target's scans show as its trend; stretches past the cadence up to now are gaps; deadlines lead")
    func overview() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let day20 = R.period.start.addingTimeInterval(19 * R.day)
        let dashboard = try await EvidenceStore.withStore(
            at: .sqlite(path: folder.appendingPathComponent("trail.db").path), actor: "t", now: { day20 }
        ) { store in
            for (sequence, onDay) in [(1, 1), (2, 3), (3, 15)] {
                try await store.record(R.scan(sequence, onDay: onDay, auth: sequence == 3 ? .passed : .failed).result)
            }
            try await store.record(R.scan(4, onDay: 16, auth: .failed, tls: .failed).result)
            return try await Dashboard.load(from: store, now: day20 + 10 * R.day, cadenceDays: 7)
        }
        let target = try #require(dashboard.targets.first)
        #expect(target.summary.scanCount == 4 && target.recent.map(\.sequence) == [1, 2, 3, 4])
        #expect(target.gaps.map(\.days) == [12, 14], "\(target.gaps)")
        #expect(target.summary.openFindings == [.high: 2])
        #expect(dashboard.counts.total(.open) == 2 && dashboard.counts.total(.fixed) == 0)
        #expect(dashboard.deadlines.findings.map(\.ruleID) == [R.auth.id, R.protocolRule.id])
        #expect(dashboard.certificates.isEmpty)
    }
}
