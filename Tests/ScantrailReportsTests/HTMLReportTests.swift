import Foundation
import ScantrailCore
import ScantrailTestSupport
import Testing

@testable import ScantrailReports
@testable import ScantrailStore

@Suite("The HTML report: self-contained, complete, readable in a real browser, printable")
struct HTMLReportTests {
    /// Where tests leave what a person may want to look at (screenshots, PDFs).
    static let artefacts: URL = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/test-artefacts")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    /// Three recorded scans of the sample for the trend, the last fixing the cleartext finding.
    static let history: [ScanRecord] = (1...3).map { sequence in
        let counts = ScanRecord.Counts(
            passed: 1, failed: sequence == 3 ? 1 : 2, inconclusive: 1, new: sequence == 1 ? 2 : 0,
            fixed: sequence == 3 ? 1 : 0, reopened: 0)
        return ScanRecord(
            id: "scan-\(sequence)", sequence: sequence, target: "http://127.0.0.1:8080/",
            observedAt: SampleResult.start.addingTimeInterval(Double(sequence - 1) * 20 * 86_400),
            finishedAt: SampleResult.start, recordedAt: SampleResult.start,
            completion: "complete", scannerVersion: "0.1.0", catalogueVersion: "x", requestsSent: 2, counts: counts)
    }

    static var input: ReportInput {
        var input = PipelineFormatTests.input
        input.history = history
        input.targetFindings = (try? TrailFixtures.findings(start: SampleResult.start)) ?? []
        return input
    }

    @Test("the document matches its golden file")
    func golden() throws {
        try GoldenFile.check(HTMLRenderer().render(Self.input), against: "report.html")
    }

    @Test("nothing outside the file: no script, no stylesheet, image or font link")
    func selfContained() {
        let html = HTMLRenderer().render(Self.input)
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("<img"))
        #expect(!html.contains("url(") && !html.contains("@import"))
    }

    @Test("text from the target is escaped, so a hostile response cannot inject markup")
    func escaping() {
        let outcome = Outcome.failed(
            SampleResult.banner, at: SampleResult.result.target.location().with(discriminator: "Server"),
            "Server: <script>alert(1)</script>")
        let input = ReportInput(result: TextReportEdgeTests.result([outcome]), catalogue: Self.input.catalogue)
        let html = HTMLRenderer().render(input)
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("a finding counts at a scan when first seen by then and not yet fixed; overdue once its deadline passed")
    func slaPoints() throws {
        let start = SampleResult.start
        let store = try TrailFixtures.findings(start: start)
        let points = Self.history.map { HTMLRenderer.SLAPoint(scan: $0, findings: store) }
        // Day 0: both open, within; day 20: the high one overdue (10-day deadline); day 40: it is fixed.
        #expect(points.map(\.withinDeadline) == [2, 1, 1])
        #expect(points.map(\.overdue) == [0, 1, 0])
    }

    @Test("the severity chart's bars are as long as their counts, the longest full length")
    func chart() {
        let svg = HTMLRenderer.severityChart([(.critical, 0), (.high, 4), (.medium, 2), (.low, 1), (.info, 0)])
        #expect(svg.contains(#"<rect class="high" x="80" y="36" width="300" height="20"/>"#))
        #expect(svg.contains(#"<rect class="medium" x="80" y="64" width="150" height="20"/>"#))
        #expect(svg.contains(#"<rect class="critical" x="80" y="8" width="0" height="20"/>"#))
        #expect(svg.contains(#"aria-label="Findings by severity: 0 critical, 4 high, 2 medium, 1 low, 0 info""#))
    }

    @Test("the dashboard's trend stacks each scan's new failures on those seen before, as tall as their sum")
    func scanTrend() {
        let svg = HTMLRenderer.scanTrendChart(Self.history)
        #expect(svg.contains("<title>scan #1: 2 failing, 2 of them new</title>"))
        #expect(svg.contains(#"<rect class="overdue" x="34" y="20" width="12" height="110"/>"#))
        #expect(svg.contains(#"<rect class="within" x="284" y="20" width="12" height="110"/>"#))
        #expect(svg.contains(#"<rect class="within" x="534" y="75" width="12" height="55"/>"#))
        #expect(svg.contains(#"aria-label="Failing findings over 3 scans""#))
    }

    @Test("headless Chromium renders every section, the charts and the findings; a screenshot and a PDF are kept")
    func browser() async throws {
        let file = Self.artefacts.appendingPathComponent("report.html")
        try HTMLRenderer().render(Self.input).write(to: file, atomically: true, encoding: .utf8)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Validators/browser.py")
        let prefix = Self.artefacts.appendingPathComponent("report").path
        let (status, output) = try await Subprocess.run(["python3", script.path, file.path, prefix])
        #expect(status == 0, "\(output)")
        let line = output.split(separator: "\n").last.map(String.init) ?? ""
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(output)")
        #expect(seen["h1"] as? String == "API security report")
        #expect(seen["title"] as? String == "Scantrail report: http://127.0.0.1:8080/")
        #expect(
            seen["sections"] as? [String] == ["summary", "trend", "findings", "coverage", "passed", "inconclusive"])
        #expect(seen["findings"] as? Int == 2 && seen["charts"] as? Int == 2 && seen["scripts"] as? Int == 0)
        #expect(seen["severityCounts"] as? [String] == ["0", "1", "0", "1", "0"])
        #expect((seen["resources"] as? [String])?.isEmpty == true, "the page fetched \(seen["resources"] ?? "")")
        #expect((seen["pdfBytes"] as? Int ?? 0) > 10_000)
        #expect(FileManager.default.fileExists(atPath: prefix + ".png"))
    }
}
