/// A failed outcome joined with its rule: what a person acts on.
public struct Finding: Hashable, Codable, Sendable {
    /// Stable identity across scans.
    public let fingerprint: Fingerprint
    /// The rule that failed.
    public let ruleID: String
    /// The rule's severity.
    public let severity: Severity
    /// The rule's title.
    public let title: String
    /// Where it failed.
    public let location: Location
    /// What was observed.
    public let detail: String
    /// How to fix it.
    public let remediation: String
    /// The check that reported it.
    public let checkID: String

    /// Joins a failed outcome with its rule.
    public init(outcome: Outcome, rule: Rule, checkID: String) {
        self.fingerprint = Fingerprint(ruleID: rule.id, location: outcome.location)
        self.ruleID = rule.id
        self.severity = rule.severity
        self.title = rule.title
        self.location = outcome.location
        self.detail = outcome.detail
        self.remediation = rule.remediation
        self.checkID = checkID
    }

    private enum CodingKeys: String, CodingKey {
        case fingerprint
        case ruleID = "ruleId"
        case severity, title, location, detail, remediation
        case checkID = "checkId"
    }
}
