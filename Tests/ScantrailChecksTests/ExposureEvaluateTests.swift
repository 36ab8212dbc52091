import Foundation
import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("Exposed files judged on hand-built observations: content, never a status alone")
struct ExposureEvaluateTests {
    typealias Observation = ExposureCheck.Observation

    static func observation(
        _ path: String, status: Int? = 200, inconclusive: String? = nil, softNotFound: Bool = false,
        looksLikeHTML: Bool = false, contentMatches: Bool = true
    ) -> Observation {
        let kind = ExposureCatalogue.probes.first { $0.path == path }!.kind
        return Observation(
            path: path, ruleID: kind.rawValue, status: status, mediaType: "text/plain", inconclusive: inconclusive,
            softNotFound: softNotFound, looksLikeHTML: looksLikeHTML, contentMatches: contentMatches,
            maskedExcerpt: "DB_P******** = ...")
    }

    static func status(_ observation: Observation) -> Outcome.Status? {
        ExposureCheck().evaluate(.init(origin: HandBuilt.origin, observations: [observation])).first?.status
    }

    @Test("a success with the file's content fails; anything short of that passes, saying why")
    func judged() {
        #expect(Self.status(Self.observation("/.env")) == .failed)
        #expect(Self.status(Self.observation("/.env", status: 403)) == .passed)
        #expect(Self.status(Self.observation("/.env", softNotFound: true)) == .passed)
        #expect(Self.status(Self.observation("/.env", looksLikeHTML: true)) == .passed)
        #expect(Self.status(Self.observation("/.env", contentMatches: false)) == .passed)
        #expect(Self.status(Self.observation("/.env", status: nil, inconclusive: "timeout")) == .inconclusive)
    }

    @Test("text files match by signature, binary ones by their magic bytes")
    func matching() throws {
        let config = try #require(ExposureCatalogue.probes.first { $0.path == "/.git/config" })
        #expect(ExposureCheck.matches(config, text: "[core]\n\trepositoryformatversion = 0", body: Data()))
        #expect(!ExposureCheck.matches(config, text: "<html>not found</html>", body: Data()))
        let index = try #require(ExposureCatalogue.probes.first { $0.path == "/.git/index" })
        #expect(ExposureCheck.matches(index, text: "", body: Data([0x44, 0x49, 0x52, 0x43, 0, 0, 0, 2])))
        #expect(!ExposureCheck.matches(index, text: "DIRC", body: Data("<html>DIRC".utf8)))
    }

    @Test("an HTML page is told apart by media type or markup")
    func html() {
        #expect(ExposureCheck.looksLikeHTML("", mediaType: "text/html"))
        #expect(ExposureCheck.looksLikeHTML("<!DOCTYPE html><html>", mediaType: "text/plain"))
        #expect(!ExposureCheck.looksLikeHTML("KEY=value", mediaType: "text/plain"))
    }
}
