import Foundation
import ScantrailCore
import Testing

@testable import ScantrailReports

@Suite("The text report says plainly when a scan stopped early or found nothing")
struct TextReportEdgeTests {
    /// The sample's checks, with the outcomes replaced and the completion given.
    static func result(_ outcomes: [Outcome], completion: ScanResult.Completion = .complete) -> ScanResult {
        let sample = SampleResult.result
        let run = CheckRun(
            checkID: "transport.https", title: "HTTPS", status: .completed, startedAt: SampleResult.start,
            durationMilliseconds: 1, requestsSent: 1, outcomes: outcomes, evidence: nil, reason: nil)
        return ScanResult(
            scanner: sample.scanner,
            catalogue: RuleCatalogue(rules: [SampleResult.cleartext, SampleResult.banner, SampleResult.hsts]),
            configuration: sample.configuration, target: sample.target, startedAt: SampleResult.start,
            finishedAt: SampleResult.start.addingTimeInterval(2), completion: completion, requestsSent: 1, checks: [run]
        )
    }

    static var here: Location { SampleResult.result.target.location() }

    @Test("a clean scan says no findings, and counts not-applicable outcomes apart from passes")
    func clean() {
        let text = TextReportRenderer().render(
            Self.result([
                .passed(SampleResult.cleartext, at: Self.here, "redirects"),
                .notApplicable(SampleResult.banner, at: Self.here, "no Server header"),
            ]))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("No findings."))
        #expect(!text.contains("INCONCLUSIVE") && !text.contains("INCOMPLETE"))
        #expect(lines.last?.contains("outcomes: 1 passed, 0 failed, 1 not applicable, 0 inconclusive") == true)
    }

    @Test("a scan stopped by its deadline says so first, with the reason")
    func incomplete() {
        let text = TextReportRenderer().render(
            Self.result(
                [.inconclusive(SampleResult.hsts, at: Self.here, "scan deadline reached")],
                completion: .incomplete(.deadline)))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("INCOMPLETE: the scan stopped early (deadline)"))
        #expect(lines.contains("INCONCLUSIVE (1): not judged, never counted as passed"))
        #expect(
            lines.contains {
                $0.hasPrefix("  ? transport.hsts-missing  at GET ") && $0.hasSuffix(": scan deadline reached")
            })
    }

    @Test("the one-line fix is the remediation's first sentence")
    func firstSentence() {
        #expect(TextReportRenderer.firstSentence(of: "Serve HTTPS only. Close port 80.") == "Serve HTTPS only.")
        #expect(TextReportRenderer.firstSentence(of: "One line\nwrapped. Second.") == "One line wrapped.")
        #expect(TextReportRenderer.firstSentence(of: "No full stop") == "No full stop")
    }

    @Test("the JSON report counts not-applicable outcomes and records why an incomplete scan stopped")
    func json() throws {
        let data = try JSONReportRenderer().render(
            Self.result(
                [.notApplicable(SampleResult.banner, at: Self.here, "gone")], completion: .incomplete(.cancelled)))
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["notApplicable"] as? Int == 1 && summary["passed"] as? Int == 0)
        let completion = try #require(object["completion"] as? [String: Any])
        #expect(completion["status"] as? String == "incomplete" && completion["reason"] as? String == "cancelled")
        #expect(object["schemaVersion"] as? String == ScanResult.schemaVersion)
    }
}

@Suite("Text from a target is shown, never run: control characters, Markdown, HTML and formulas")
struct HostileTextTests {
    @Test("control characters are escaped visibly; a multi-line report keeps its line feeds and tabs")
    func controls() {
        #expect(
            DisplayText.escaped("a\u{1B}[2Jb\u{07}\r\n\t\u{202E}c\u{85}")
                == #"a\u{1B}[2Jb\u{7}\u{D}\u{A}\u{9}\u{202E}c\u{85}"#)
        #expect(DisplayText.escaped("line\n\tnext\r", keepingLayout: true) == "line\n\tnext\\u{D}")
        #expect(DisplayText.escaped("plain — ünïcode ✓") == "plain — ünïcode ✓")
    }

    @Test("Markdown escapes HTML, links and emphasis in prose, and fences code spans past any backtick inside")
    func markdown() {
        #expect(
            MarkdownText.text("<script>x</script> [a](javascript:b) *c* | d")
                == #"\<script\>x\</script\> \[a\](javascript:b) \*c\* \| d"#)
        #expect(MarkdownText.code("GET /a`b") == "``GET /a`b``")
        #expect(MarkdownText.code("`x`") == "`` `x` ``")
        #expect(MarkdownText.code("a|b", inTable: true) == #"`a\|b`"#)
        #expect(MarkdownText.code("a\nb\u{1B}") == #"`a b\u{1B}`"#)
    }

    @Test("CSV cells that a spreadsheet would run, a tab or a carriage return first among them, are defused")
    func csvCells() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\r=1"] {
            #expect(
                CSVRenderer.field(cell).hasPrefix("'") || CSVRenderer.field(cell).hasPrefix("\"'"),
                "\(cell.debugDescription)")
        }
        #expect(CSVRenderer.field("a\u{1B}b") == #"a\u{1B}b"#)
        #expect(CSVRenderer.field("a,b\nc") == "\"a,b\nc\"")
    }
}
