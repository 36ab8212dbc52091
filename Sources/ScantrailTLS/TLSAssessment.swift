import Foundation

/// What a probe's facts mean at one moment: the chain's verdicts and the grade. Pure: made
/// from a ``TLSScanResult`` without I/O, so stored evidence always re-evaluates the same way.
public struct TLSAssessment: Codable, Sendable {
    /// The chain judged, when one was read.
    public let certificates: CertificateReport?
    /// The SSL Labs-style grade, with every cap that lowered it.
    public let grade: TLSGrade

    /// Judges `result` at `time` (its own `observedAt` for stored evidence).
    ///
    /// - Parameters:
    ///   - warningDays: days before expiry that count as expiring soon.
    ///   - hsts: what was seen of HSTS (`notChecked` tops the grade at A).
    public init(_ result: TLSScanResult, at time: Date, warningDays: Int, hsts: TLSGrade.HSTS) {
        certificates = result.chain.map { CertificateReport.judge($0, at: time, warningDays: warningDays) }
        grade = TLSGrade(result, certificates: certificates, hsts: hsts)
    }
}
