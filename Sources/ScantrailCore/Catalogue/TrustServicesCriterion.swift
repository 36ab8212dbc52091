/// An AICPA Trust Services Criterion (2017, points of focus revised 2022) that a rule's
/// results are evidence for, such as `CC6.7` (encryption in transit).
public struct TrustServicesCriterion: RawRepresentable, Hashable, Codable, Sendable, Comparable {
    /// The criterion's identifier, e.g. `CC6.1`.
    public let rawValue: String

    /// Creates a criterion from its identifier.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// Logical access security: authentication before access, encryption of data.
    public static let cc6_1 = Self(rawValue: "CC6.1")
    /// Credentials are issued and revoked properly.
    public static let cc6_2 = Self(rawValue: "CC6.2")
    /// Least privilege and role-based access.
    public static let cc6_3 = Self(rawValue: "CC6.3")
    /// Boundary protection against threats from outside the system.
    public static let cc6_6 = Self(rawValue: "CC6.6")
    /// Protection of data in transit.
    public static let cc6_7 = Self(rawValue: "CC6.7")
    /// Vulnerabilities are identified periodically and after significant changes.
    public static let cc7_1 = Self(rawValue: "CC7.1")
    /// System components are monitored for anomalies indicative of attacks.
    public static let cc7_2 = Self(rawValue: "CC7.2")
    /// Identified vulnerabilities are remediated.
    public static let cc7_4 = Self(rawValue: "CC7.4")
    /// Changes are authorized, tested and approved before they reach production.
    public static let cc8_1 = Self(rawValue: "CC8.1")
    /// Confidential information is protected.
    public static let c1_1 = Self(rawValue: "C1.1")
    /// Capacity is managed to meet availability commitments.
    public static let a1_1 = Self(rawValue: "A1.1")
}
