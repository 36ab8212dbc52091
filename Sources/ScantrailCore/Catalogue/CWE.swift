/// A Common Weakness Enumeration entry, e.g. CWE-319 (cleartext transmission).
public struct CWE: RawRepresentable, Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    /// The CWE number.
    public let rawValue: Int

    /// Creates a weakness reference from its number.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Shorthand for `CWE(rawValue:)`.
    public init(_ number: Int) {
        self.rawValue = number
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// `CWE-319` style text.
    public var description: String { "CWE-\(rawValue)" }

    /// The weakness's page on cwe.mitre.org.
    public var referenceURL: String { "https://cwe.mitre.org/data/definitions/\(rawValue).html" }
}
