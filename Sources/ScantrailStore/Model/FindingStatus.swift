/// Where a tracked finding is in its life.
public enum FindingStatus: String, Codable, Sendable, CaseIterable {
    /// Detected and not (yet) fixed; includes reopened findings.
    case open
    /// A later scan that covered the same rule at the same place passed it.
    case fixed
    /// Risk accepted by someone, with a reason and perhaps an expiry.
    case accepted
    /// Marked as not a real problem, with a reason.
    case falsePositive = "false-positive"
}

/// Encodes as an object key (`{"open": 3}`) in dictionaries keyed by status.
extension FindingStatus: CodingKeyRepresentable {}
