/// The result of one rule at one location: failed (a finding), passed (tested, with the
/// observation that proves it) or inconclusive (could not be judged, with the reason).
public struct Outcome: Hashable, Codable, Sendable {
    /// What became of the rule.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Tested; the problem is absent.
        case passed
        /// Tested; the problem is present. Produces a finding.
        case failed
        /// Could not be tested (timeout, reset, rate limit, budget, deadline…).
        case inconclusive
    }

    /// The rule judged.
    public let ruleID: String
    /// What became of it.
    public let status: Status
    /// Where it was judged.
    public let location: Location
    /// What was observed, in one sentence ("Strict-Transport-Security: max-age=600"), or the
    /// reason an inconclusive outcome could not be judged.
    public let detail: String

    /// Creates an outcome.
    public init(ruleID: String, status: Status, location: Location, detail: String) {
        self.ruleID = ruleID
        self.status = status
        self.location = location
        self.detail = detail
    }

    /// A passed outcome.
    public static func passed(_ rule: Rule, at location: Location, _ detail: String) -> Outcome {
        Outcome(ruleID: rule.id, status: .passed, location: location, detail: detail)
    }

    /// A failed outcome.
    public static func failed(_ rule: Rule, at location: Location, _ detail: String) -> Outcome {
        Outcome(ruleID: rule.id, status: .failed, location: location, detail: detail)
    }

    /// An inconclusive outcome with the reason.
    public static func inconclusive(_ rule: Rule, at location: Location, _ reason: String) -> Outcome {
        Outcome(ruleID: rule.id, status: .inconclusive, location: location, detail: reason)
    }

    private enum CodingKeys: String, CodingKey {
        case ruleID = "ruleId"
        case status, location, detail
    }
}
