import Foundation
import Testing

@testable import ScantrailTLS

@Suite("An assessment is the judgement of stored facts at a chosen moment, and nothing else")
struct TLSAssessmentTests {
    @Test("without a chain there is no certificate report, and the grade says why it cannot be given")
    func noChain() {
        let assessment = TLSAssessment(
            TLSGradeTests.result(), at: TLSGradeTests.now, warningDays: 30, hsts: .maxAge(31_536_000))
        #expect(assessment.certificates == nil)
        #expect(assessment.grade.grade == .unknown)
    }

    @Test("the same facts judged twice at the same moment give the same verdicts and grade")
    func deterministic() throws {
        let result = TLSGradeTests.result([.tls12, .tls13])
        let first = TLSAssessment(result, at: TLSGradeTests.now, warningDays: 30, hsts: .notChecked)
        let second = TLSAssessment(result, at: TLSGradeTests.now, warningDays: 30, hsts: .notChecked)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(first) == encoder.encode(second))
    }

    @Test("HSTS not checked tops the grade at A; a year of HSTS earns the plus")
    func hsts() throws {
        let certificates = TLSGradeTests.plain(try TLSGradeTests.certificates())
        let result = TLSGradeTests.result()
        #expect(TLSGrade(result, certificates: certificates, hsts: .notChecked).grade == .a)
        #expect(TLSGrade(result, certificates: certificates, hsts: .maxAge(31_536_000)).grade == .aPlus)
    }
}
