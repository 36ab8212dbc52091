/// What `scantrail tls` reports: the prober's facts and what they mean at the moment they were
/// observed. Its JSON form is the result's fields with the judged `certificates` and `grade`
/// beside them (docs/report-format.md#tls-probe).
public struct TLSProbeReport: Encodable, Sendable {
    /// The facts.
    public let result: TLSScanResult
    /// Their judgement.
    public let assessment: TLSAssessment

    /// Judges `result` at its own `observedAt`, warning `warningDays` ahead of expiry; HSTS is
    /// not checked (no HTTP is spoken), so the best grade is A.
    public init(_ result: TLSScanResult, warningDays: Int) {
        self.result = result
        self.assessment = TLSAssessment(result, at: result.observedAt, warningDays: warningDays, hsts: .notChecked)
    }

    public func encode(to encoder: any Encoder) throws {
        try result.encode(to: encoder)
        try assessment.encode(to: encoder)
    }
}
