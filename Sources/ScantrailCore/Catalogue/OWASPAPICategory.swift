/// A category of the OWASP API Security Top 10 (2023 edition).
public struct OWASPAPICategory: RawRepresentable, Hashable, Codable, Sendable, Comparable {
    /// The category identifier, e.g. `API8:2023`.
    public let rawValue: String

    /// Creates a category from its identifier.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.number < rhs.number
    }

    /// The category number (1…10), parsed from the identifier.
    private var number: Int {
        Int(rawValue.dropFirst(3).prefix { $0.isNumber }) ?? 0
    }

    /// Broken Object Level Authorization.
    public static let api1 = Self(rawValue: "API1:2023")
    /// Broken Authentication.
    public static let api2 = Self(rawValue: "API2:2023")
    /// Broken Object Property Level Authorization.
    public static let api3 = Self(rawValue: "API3:2023")
    /// Unrestricted Resource Consumption.
    public static let api4 = Self(rawValue: "API4:2023")
    /// Broken Function Level Authorization.
    public static let api5 = Self(rawValue: "API5:2023")
    /// Server Side Request Forgery.
    public static let api7 = Self(rawValue: "API7:2023")
    /// Security Misconfiguration.
    public static let api8 = Self(rawValue: "API8:2023")
    /// Improper Inventory Management.
    public static let api9 = Self(rawValue: "API9:2023")
}
