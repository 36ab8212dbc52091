import Foundation
import ScantrailCore
import ScantrailStore
import Testing

@testable import ScantrailReports

@Suite("Reports for pipelines and workpapers, read by the tools that consume them")
struct PipelineFormatTests {
    static let now = SampleResult.start.addingTimeInterval(3 * 86_400)

    /// The sample, unrecorded, with the cleartext finding new.
    static var input: ReportInput {
        let result = SampleResult.result
        let cleartext = result.findings.first { $0.ruleID == SampleResult.cleartext.id }!
        return ReportInput(
            result: result,
            catalogue: RuleCatalogue(rules: [SampleResult.cleartext, SampleResult.banner, SampleResult.hsts]),
            new: [cleartext.fingerprint], now: now)
    }

    @Test("every format matches its golden file", arguments: [ReportFormat.sarif, .junit, .markdown, .csv])
    func golden(format: ReportFormat) throws {
        let text = String(decoding: try ReportRenderer().render(format, Self.input), as: UTF8.self)
        try GoldenFile.check(text, against: "report.\(format.fileExtension)")
    }

    @Test("SARIF validates against the SARIF 2.1.0 schema and GitHub's upload rules")
    func sarifValid() async throws {
        let output = try await ReportConsumer.read(.sarif, Self.input)
        #expect(output == "results 2\n")
    }

    @Test("a scan with no findings is an empty, valid SARIF log")
    func sarifEmpty() async throws {
        let clean = ReportInput(result: TextReportEdgeTests.result([]), catalogue: Self.input.catalogue)
        #expect(try await ReportConsumer.read(.sarif, clean) == "results 0\n")
        let log = try JSONSerialization.jsonObject(with: try SARIFRenderer().render(clean)) as? [String: Any]
        let run = (log?["runs"] as? [[String: Any]])?.first
        #expect((run?["results"] as? [Any])?.isEmpty == true)
    }

    @Test("with a description, results sit at the description file and their operation's line")
    func sarifAtDescription() throws {
        var input = Self.input
        input.description = ReportInput.Description(path: "api/openapi.yaml", lines: ["GET /": 12])
        let log = try #require(JSONSerialization.jsonObject(with: try SARIFRenderer().render(input)) as? [String: Any])
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let physical = try #require(
            ((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "api/openapi.yaml")
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 12)
        #expect(((results.first?["properties"] as? [String: Any])?["url"] as? String)?.hasPrefix("http://") == true)
    }

    @Test("security-severity and level follow GitHub's bands", arguments: Severity.allCases)
    func bands(severity: Severity) throws {
        let score = try #require(Double(SARIFRenderer.securitySeverity(severity)))
        switch severity {
        case .critical: #expect(score >= 9.0 && SARIFRenderer.level(severity) == "error")
        case .high: #expect((7.0..<9.0).contains(score) && SARIFRenderer.level(severity) == "error")
        case .medium: #expect((4.0..<7.0).contains(score) && SARIFRenderer.level(severity) == "warning")
        case .low: #expect((0.1..<4.0).contains(score) && SARIFRenderer.level(severity) == "note")
        case .info: #expect(score == 0 && SARIFRenderer.level(severity) == "note")
        }
    }

    @Test("JUnit: one case per rule and place, findings fail, passes pass, what was not judged is skipped")
    func junit() async throws {
        let output = try await ReportConsumer.read(.junit, Self.input)
        #expect(output == "suites 2 cases 4 passed 1 failures 2 skipped 1\n")
    }

    @Test("XML text shows control characters as visible escapes, drops what XML cannot carry and escapes markup")
    func xmlText() {
        #expect(
            XMLText.escape("a<b & \"c\" 'd'>\u{01}\u{7}e\u{FFFE}\n")
                == #"a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\u{1}\u{7}e"# + "\n")
    }

    @Test("CSV: one row per finding, every column on every row, as Python's csv module reads it")
    func csv() async throws {
        let output = try await ReportConsumer.read(.csv, Self.input)
        let lines = output.split(separator: "\n")
        #expect(lines.first == "rows 2")
        #expect(
            lines.contains {
                $0.contains(#""sla_status": "open-within""#) && $0.contains(#""rule_id": "transport.cleartext-http""#)
            })
    }

    @Test("CSV fields are quoted when needed, and formulas are defused")
    func csvFields() {
        #expect(CSVRenderer.field("plain") == "plain")
        #expect(CSVRenderer.field("a, \"b\"") == "\"a, \"\"b\"\"\"")
        #expect(CSVRenderer.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVRenderer.field("-1 days") == "'-1 days")
    }

    @Test("Markdown: counts with what is new, top findings, coverage; table cells cannot break the table")
    func markdown() {
        let text = MarkdownRenderer().render(Self.input)
        #expect(text.contains("| high | 1 | 1 |") && text.contains("| low | 1 | 0 |"))
        #expect(text.contains("### New in this scan (1)"))
        #expect(text.contains("| HTTPS enforcement and HSTS (`transport.https`) | 1 | 0 | 1 | 0 | 1 |"))
        #expect(text.contains("<details><summary>1 not judged (never counted as passed)</summary>"))
        #expect(MarkdownRenderer.cell("a | b\nc") == "a \\| b c")
    }

    @Test("a recorded scan's CSV carries the trail: the fixed finding with its fix, and SLA states")
    func csvFromTheTrail() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await EvidenceStore.withStore(
            at: .sqlite(path: folder.appendingPathComponent("e.sqlite").path), actor: "t", now: { Self.now }
        ) { store in
            try await store.record(SampleResult.result())
            let result = SampleResult.result(afterDays: 1, cleartextFixed: true)
            let record = try await store.record(result)
            let input = ReportInput(
                result: result, catalogue: Self.input.catalogue, trail: try await store.judged(by: record, in: result),
                now: Self.now)
            let output = try await ReportConsumer.read(.csv, input)
            #expect(output.hasPrefix("rows 2\n"))
            let fixed = try #require(output.split(separator: "\n").first { $0.contains("transport.cleartext-http") })
            #expect(fixed.contains(#""status": "fixed""#) && fixed.contains(#""sla_status": "met""#))
            #expect(fixed.contains(#""fixed_scan": "\#(record.id)""#))
        }
    }
}
