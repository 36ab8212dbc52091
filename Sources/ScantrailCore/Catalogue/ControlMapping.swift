/// The compliance frameworks a rule's results are evidence for.
public struct ControlMapping: Hashable, Codable, Sendable {
    /// SOC 2 Trust Services Criteria.
    public var trustServicesCriteria: [TrustServicesCriterion]
    /// OWASP API Security Top 10 (2023) categories.
    public var owaspAPI: [OWASPAPICategory]
    /// Common Weakness Enumeration entries.
    public var cwe: [CWE]

    /// Creates a mapping; each list is kept sorted so that output is stable.
    public init(tsc: [TrustServicesCriterion], owasp: [OWASPAPICategory], cwe: [CWE]) {
        self.trustServicesCriteria = tsc.sorted()
        self.owaspAPI = owasp.sorted()
        self.cwe = cwe.sorted()
    }

    private enum CodingKeys: String, CodingKey {
        case trustServicesCriteria = "tsc"
        case owaspAPI = "owaspAPI2023"
        case cwe
    }
}
