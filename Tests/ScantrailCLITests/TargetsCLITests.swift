import Foundation
import Testing

@Suite("scantrail targets: the targets scanned on a schedule")
struct TargetsCLITests {
    @Test("add, list, show, pause and remove a target; a duplicate or a bad schedule is refused")
    func lifecycle() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("targets-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = ["--database", folder.appendingPathComponent("t.db").path]
        let added = try await Scantrail.run(["targets", "add", "https://api.example.com", "--every", "24h"] + database)
        #expect(
            added.status == 0 && added.stdout.contains("Monitoring https://api.example.com/ as t_"), "\(added.stderr)")
        let duplicate = try await Scantrail.run(
            ["targets", "add", "https://api.example.com/", "--every", "1h"] + database)
        #expect(duplicate.status != 0 && duplicate.stderr.contains("already monitored"))
        let tooOften = try await Scantrail.run(["targets", "add", "https://b.example.com", "--every", "1m"] + database)
        #expect(tooOften.status != 0 && tooOften.stderr.contains("shorter than five minutes"))
        let badCron = try await Scantrail.run(
            ["targets", "add", "https://b.example.com", "--cron", "0 25 * * *"] + database)
        #expect(badCron.status != 0 && badCron.stderr.contains("hour"))
        let list = try await Scantrail.run(["targets", "list"] + database)
        #expect(list.stdout.contains("every 1d") && list.stdout.contains("https://api.example.com/"))
        #expect(try await Scantrail.run(["targets", "pause", "https://api.example.com"] + database).status == 0)
        let shown = try await Scantrail.run(["targets", "show", "https://api.example.com"] + database)
        #expect(shown.stdout.contains("paused since") && shown.stdout.contains("no run missed"), "\(shown.stdout)")
        #expect(try await Scantrail.run(["targets", "remove", "https://api.example.com"] + database).status == 0)
        let empty = try await Scantrail.run(["targets", "list"] + database)
        #expect(empty.stdout.contains("No monitored targets"))
        let audit = try await Scantrail.run(["audit", "log"] + database)
        #expect(audit.stdout.contains("target.added") && audit.stdout.contains("target.removed"))
    }
}
