/// What changed between two scans: by fingerprint, with coverage taken into account.
public struct ScanDiff: Hashable, Codable, Sendable {
    /// One rule at one place.
    public struct Item: Hashable, Codable, Sendable, Comparable {
        /// The fingerprint.
        public let fingerprint: String
        /// The rule.
        public let ruleID: String
        /// The location, for humans.
        public let location: String

        public static func < (lhs: Item, rhs: Item) -> Bool {
            (lhs.ruleID, lhs.location) < (rhs.ruleID, rhs.location)
        }
    }

    /// The earlier scan.
    public let from: String
    /// The later scan.
    public let to: String
    /// Failing in the later scan, not failing in the earlier one.
    public let new: [Item]
    /// Failing in the earlier scan, passed in the later one.
    public let fixed: [Item]
    /// Failing in both.
    public let unchanged: [Item]
    /// Failing in the earlier scan and not judged by the later one: nothing is proven.
    public let notRetested: [Item]
    /// Judged (passed or failed) by the later scan only.
    public let coverageGained: [Item]
    /// Judged by the earlier scan only.
    public let coverageLost: [Item]
}
