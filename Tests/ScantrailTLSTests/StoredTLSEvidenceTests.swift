import Foundation
import Testing

@testable import ScantrailTLS

@Suite("TLS facts survive storage: what is decoded judges as what was observed")
struct StoredTLSEvidenceTests {
    static func encoded(_ result: TLSScanResult) throws -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try #require(JSONSerialization.jsonObject(with: try encoder.encode(result)) as? [String: Any])
    }

    static func decoded(_ object: [String: Any]) throws -> TLSScanResult {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(TLSScanResult.self, from: try JSONSerialization.data(withJSONObject: object))
    }

    @Test("facts round-trip through JSON and grade the same afterwards")
    func roundTrip() throws {
        let result = TLSGradeTests.result([.tls10, .tls12, .tls13])
        let back = try Self.decoded(try Self.encoded(result))
        #expect(back.protocols.map(\.status) == result.protocols.map(\.status))
        #expect(back.observedAt == result.observedAt)
        let certificates = try TLSGradeTests.certificates()
        #expect(
            TLSGrade(back, certificates: certificates, hsts: .notChecked).grade
                == TLSGrade(result, certificates: certificates, hsts: .notChecked).grade)
    }

    @Test("evidence stored before nonTLSReply and the chain observation existed still decodes")
    func olderEvidence() throws {
        var object = try Self.encoded(TLSGradeTests.result())
        object.removeValue(forKey: "nonTLSReply")
        object.removeValue(forKey: "chain")
        let back = try Self.decoded(object)
        #expect(back.nonTLSReply == nil && back.chain == nil)
    }

    @Test("the probe report is the facts with the judgement beside them, at the top level")
    func probeReportShape() throws {
        let report = TLSProbeReport(TLSGradeTests.result(), warningDays: 30)
        let data = try JSONEncoder().encode(report)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["target", "protocols", "groups", "fallbackSCSV", "observedAt", "grade"] {
            #expect(object[key] != nil, "\(key) is missing")
        }
        #expect(object["result"] == nil && object["assessment"] == nil)
    }

    @Test("versions are ordered and named as the registry names them")
    func versions() {
        #expect(TLSVersion.allCases.sorted() == TLSVersion.allCases)
        #expect(TLSVersion.allCases.map(\.key) == ["sslv3", "tls10", "tls11", "tls12", "tls13"])
        #expect(TLSVersion.tls13.description == "TLS 1.3" && TLSVersion.sslv3.description == "SSLv3")
        #expect(TLSVersion(rawValue: 0x0303) == .tls12)
    }
}
