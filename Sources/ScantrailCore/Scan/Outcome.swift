/// The result of one rule at one location: failed (a finding), passed (tested, with the
/// observation that proves it), not applicable (looked at, and the thing to judge is not there)
/// or inconclusive (could not be judged, with the reason).
public struct Outcome: Hashable, Codable, Sendable {
    /// What became of the rule.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Tested; the problem is absent.
        case passed
        /// Tested; the problem is present. Produces a finding.
        case failed
        /// Looked at, and the thing to judge is not there (no cookie is set any more, the endpoint
        /// is gone, no TLS on that port). Like a pass, it closes an earlier finding there. At a
        /// location without a discriminator it speaks for every discriminator of the rule there
        /// that the same scan did not judge (no cookie *other than those judged* is set).
        case notApplicable
        /// Could not be tested (timeout, reset, rate limit, budget, deadline…). Never closes a finding.
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
    /// For a judgement of the whole host (a header missing on every operation's answer), the
    /// operations it was seen on; `nil` for a judgement of one place.
    public let places: [Location]?
    /// As whom the answers judged were asked for (`anonymous`, `alice`), where the check says.
    public let sentAs: [String]?
    /// For a host-wide judgement, as whom each of ``places`` was asked for, in the same order
    /// (``sentAs`` is their union); `nil` otherwise, and in outcomes recorded before it was kept.
    public let placesSentAs: [[String]]?

    /// Creates an outcome.
    public init(
        ruleID: String, status: Status, location: Location, detail: String, places: [Location]? = nil,
        sentAs: [String]? = nil, placesSentAs: [[String]]? = nil
    ) {
        self.ruleID = ruleID
        self.status = status
        self.location = location
        self.detail = detail
        self.places = places
        self.sentAs = sentAs
        self.placesSentAs = placesSentAs
    }

    /// The same judgement made for the whole host at `location`, seen on `places`, each asked
    /// for as the names `sentAs` holds at its index (their union becomes ``sentAs``).
    public func spanning(_ places: [Location], sentAs: [[String]], at location: Location, _ detail: String)
        -> Outcome
    {
        var union: [String] = []
        for name in sentAs.joined() where !union.contains(name) { union.append(name) }
        return Outcome(
            ruleID: ruleID, status: status, location: location, detail: detail, places: places,
            sentAs: union.isEmpty ? nil : union, placesSentAs: sentAs.count == places.count ? sentAs : nil)
    }

    /// As whom the answers at `place` were asked for: its own names on a host-wide judgement
    /// that keeps them, else ``sentAs``.
    public func sentAs(at place: Location) -> [String]? {
        guard let placesSentAs, let index = places?.firstIndex(of: place), index < placesSentAs.count else {
            return sentAs
        }
        return placesSentAs[index]
    }

    /// The same judgement, made on answers asked for as `names` too.
    public func alsoSent(as names: [String]?) -> Outcome {
        guard let names else { return self }
        let all = (sentAs ?? []) + names.filter { !(sentAs ?? []).contains($0) }
        return Outcome(
            ruleID: ruleID, status: status, location: location, detail: detail, places: places, sentAs: all,
            placesSentAs: placesSentAs)
    }

    /// A passed outcome.
    public static func passed(_ rule: Rule, at location: Location, _ detail: String) -> Outcome {
        Outcome(ruleID: rule.id, status: .passed, location: location, detail: detail)
    }

    /// A failed outcome.
    public static func failed(_ rule: Rule, at location: Location, _ detail: String) -> Outcome {
        Outcome(ruleID: rule.id, status: .failed, location: location, detail: detail)
    }

    /// A not-applicable outcome with what was found instead ("no cookie is set at GET /").
    public static func notApplicable(_ rule: Rule, at location: Location, _ reason: String) -> Outcome {
        Outcome(ruleID: rule.id, status: .notApplicable, location: location, detail: reason)
    }

    /// An inconclusive outcome with the reason.
    public static func inconclusive(_ rule: Rule, at location: Location, _ reason: String) -> Outcome {
        Outcome(ruleID: rule.id, status: .inconclusive, location: location, detail: reason)
    }

    private enum CodingKeys: String, CodingKey {
        case ruleID = "ruleId"
        case status, location, detail, places, sentAs, placesSentAs
    }
}

extension Outcome.Status {
    /// Which of two judgements of one rule at one place stands: failed beats passed beats not
    /// applicable beats inconclusive (the evidence store and every report keep it so).
    public var precedence: Int {
        switch self {
        case .failed: 3
        case .passed: 2
        case .notApplicable: 1
        case .inconclusive: 0
        }
    }
}
