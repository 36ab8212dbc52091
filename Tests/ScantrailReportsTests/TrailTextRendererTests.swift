import Foundation
import ScantrailCore
import ScantrailReports
import Testing

@testable import ScantrailStore

@Suite("The trail views read a real store and say what an auditor needs to see")
struct TrailTextRendererTests {
    static let start = SampleResult.start

    /// A SQLite store with two scans of the sample target, the second fixing the cleartext finding.
    func withTwoScans(_ body: (EvidenceStore, ScanRecord, ScanRecord) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await EvidenceStore.withStore(
            at: .sqlite(path: folder.appendingPathComponent("evidence.sqlite").path), actor: "auditor@test",
            now: { Self.start.addingTimeInterval(3 * 86_400) }
        ) { store in
            let first = try await store.record(SampleResult.result())
            let second = try await store.record(SampleResult.result(afterDays: 1, cleartextFixed: true))
            try await body(store, first, second)
        }
    }

    @Test("history lists each scan with its counts and the findings by status")
    func history() async throws {
        try await withTwoScans { store, _, _ in
            let text = TrailTextRenderer(now: Self.start).history(
                TargetHistory(
                    target: nil, scans: try await store.scans(), findingsByStatus: try await store.statusCounts()))
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines[0].hasPrefix("SCAN"))
            #expect(lines[1].hasPrefix("#1") && lines[1].contains("1/2/1") && lines[1].contains("2/0/0"))
            #expect(lines[2].hasPrefix("#2") && lines[2].contains("2/1/1") && lines[2].contains("0/1/0"))
            #expect(lines.last == "2 scans · findings now: 1 open, 1 fixed, 0 accepted, 0 false-positive")
        }
    }

    @Test("a fixed finding shows its proof: the failing and the passing evidence, both intact")
    func proofOfFix() async throws {
        try await withTwoScans { store, first, second in
            let fixed = try #require(try await store.findings(status: .fixed).first)
            let text = TrailTextRenderer(now: Self.start).finding(try await store.finding(fixed.id))
            #expect(text.contains("  status        fixed"))
            #expect(text.contains("  fixed         \(Self.start.addingTimeInterval(86_400).formatted(.iso8601))"))
            #expect(text.contains("  failing  scan \(first.id.prefix(8)) · transport.https"))
            #expect(text.contains("  passing  scan \(second.id.prefix(8)) · transport.https"))
            #expect(text.components(separatedBy: "(intact)").count == 3)
            #expect(text.contains("finding.opened  by auditor@test") && text.contains("finding.fixed  by auditor@test"))
        }
    }

    @Test("the diff puts the fixed finding under Fixed and the banner under Unchanged")
    func diff() async throws {
        try await withTwoScans { store, first, second in
            let text = TrailTextRenderer(now: Self.start).diff(try await store.diff(from: first.id, to: second.id))
            let sections = text.components(separatedBy: "\n\n")
            #expect(sections.contains { $0.hasPrefix("Fixed (1)") && $0.contains(SampleResult.cleartext.id) })
            #expect(sections.contains { $0.hasPrefix("Unchanged (1)") && $0.contains(SampleResult.banner.id) })
            #expect(sections.contains { $0.hasPrefix("New (0)") })
        }
    }

    @Test("the findings list shows SLA state against the renderer's clock")
    func slaClock() async throws {
        try await withTwoScans { store, _, _ in
            let open = try await store.findings(status: .open)
            let early = TrailTextRenderer(now: Self.start).findings(open)
            let late = TrailTextRenderer(now: Self.start.addingTimeInterval(400 * 86_400)).findings(open)
            #expect(early.contains(" open-within ") && !early.contains("open-overdue"))
            #expect(late.contains(" open-overdue "))
            #expect(early.hasSuffix("\n1 findings\n"))
            #expect(TrailTextRenderer(now: Self.start).findings([]) == "No findings.\n")
        }
    }

    @Test("the audit view lists every entry; verification says intact or names each problem")
    func audit() async throws {
        try await withTwoScans { store, _, _ in
            let renderer = TrailTextRenderer(now: Self.start)
            let entries = try await store.auditEntries()
            #expect(renderer.audit(entries).split(separator: "\n").count == entries.count + 1)
            #expect(
                renderer.verification(try await store.verifyAudit())
                    == "Audit chain intact: \(entries.count) entries verified.\n")
            let broken = AuditVerification(entriesChecked: 5, problems: ["entry 2 was edited"])
            #expect(renderer.verification(broken) == "Audit chain BROKEN (5 entries checked):\n  entry 2 was edited\n")
        }
    }
}
