/// One thing a check can find wrong, described as data: what it is, why it matters, how to fix
/// it and what it is evidence for.
///
/// Rule identifiers are `family.name` (e.g. `transport.cleartext-http`) and never change once
/// published: findings' fingerprints and the evidence trail are keyed on them.
public struct Rule: Hashable, Codable, Sendable, Identifiable {
    /// Stable identifier, `family.name`.
    public let id: String
    /// One-line title of the problem.
    public let title: String
    /// Severity of a failure.
    public let severity: Severity
    /// What the problem is and why it matters.
    public let description: String
    /// How to fix it, in one or two sentences.
    public let remediation: String
    /// Further reading (URLs).
    public let references: [String]
    /// TSC, OWASP API 2023 and CWE mapping.
    public let mapping: ControlMapping

    /// Creates a rule.
    public init(
        id: String,
        title: String,
        severity: Severity,
        description: String,
        remediation: String,
        references: [String] = [],
        mapping: ControlMapping
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.description = description
        self.remediation = remediation
        self.references = references
        self.mapping = mapping
    }

    /// The rule's family: the part of the identifier before the first dot.
    public var family: String {
        String(id.prefix { $0 != "." })
    }
}
