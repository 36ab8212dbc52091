import Foundation
import ScantrailCore
import Testing

@testable import ScantrailReports

@Suite("OSCAL assessment results, read by NIST's model as compliance-trestle ships it")
struct OSCALTests {
    @Test("the document matches its golden file, and the same scan always gives the same UUIDs")
    func golden() throws {
        let text = String(decoding: try OSCALRenderer().render(PipelineFormatTests.input), as: UTF8.self)
        try GoldenFile.check(text, against: "report.oscal.json")
        #expect(
            try OSCALRenderer().render(PipelineFormatTests.input) == OSCALRenderer().render(PipelineFormatTests.input))
    }

    @Test("trestle reads it: one result, an observation per judgement, a finding per criterion")
    func validates() async throws {
        let output = try await ReportConsumer.read(.oscal, PipelineFormatTests.input)
        // The sample judged 4 places; its rules map to CC6.1, CC6.6 and CC6.7.
        #expect(output == "results 1 observations 4 findings 3\n")
    }

    @Test("a scan that judged nothing still validates: no empty array anywhere")
    func empty() async throws {
        let input = ReportInput(result: TextReportEdgeTests.result([]), catalogue: PipelineFormatTests.input.catalogue)
        #expect(try await ReportConsumer.read(.oscal, input) == "results 1 observations 0 findings 0\n")
    }

    @Test("a criterion is not satisfied when a rule mapped to it failed, and points at the observations")
    func findings() throws {
        let object = try JSONSerialization.jsonObject(with: try OSCALRenderer().render(PipelineFormatTests.input))
        let results =
            ((object as? [String: Any])?["assessment-results"] as? [String: Any])?["results"] as? [[String: Any]]
        let findings = try #require(results?.first?["findings"] as? [[String: Any]])
        let states = Dictionary(
            uniqueKeysWithValues: findings.compactMap { finding -> (String, String)? in
                guard let target = finding["target"] as? [String: Any], let id = target["target-id"] as? String,
                    let state = (target["status"] as? [String: Any])?["state"] as? String
                else { return nil }
                return (id, state)
            })
        #expect(states == ["cc6.1": "not-satisfied", "cc6.6": "not-satisfied", "cc6.7": "not-satisfied"])
    }

    @Test("UUIDs are version-5 shaped, as OSCAL's pattern requires, and differ by name")
    func uuids() {
        let uuid = OSCALRenderer.uuid("a")
        #expect(
            uuid.range(
                of: #"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"#,
                options: .regularExpression) != nil)
        #expect(uuid == OSCALRenderer.uuid("a") && uuid != OSCALRenderer.uuid("b"))
    }
}
