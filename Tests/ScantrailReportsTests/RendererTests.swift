import Foundation
import ScantrailCore
import ScantrailReports
import Testing

@Suite("Reports render byte-for-byte as documented")
struct RendererTests {
    @Test("the JSON report matches its golden file and hides configured header values")
    func json() throws {
        let text = String(decoding: try JSONReportRenderer().render(SampleResult.result), as: UTF8.self)
        try GoldenFile.check(text, against: "report.json")
        #expect(!text.contains("s3cr3t"))
    }

    @Test("the text report groups findings by severity, lists inconclusives and ends with the counts")
    func text() throws {
        let text = TextReportRenderer().render(SampleResult.result)
        try GoldenFile.check(text, against: "report.txt")
    }

    @Test("the JSON report decodes back to the same findings")
    func roundTrip() throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(ScanResult.self, from: try JSONReportRenderer().render(SampleResult.result))
        #expect(decoded.findings == SampleResult.result.findings)
        #expect(decoded.summary == SampleResult.result.summary)
    }

    @Test(
        "the rule catalogue renders as a table, as Markdown and as JSON",
        arguments: RuleCatalogueRenderer.Format.allCases
    )
    func catalogue(format: RuleCatalogueRenderer.Format) throws {
        let catalogue = RuleCatalogue(rules: [SampleResult.cleartext, SampleResult.banner])
        try GoldenFile.check(
            try RuleCatalogueRenderer(catalogue: catalogue).render(format), against: "rules.\(format.rawValue)")
    }
}
