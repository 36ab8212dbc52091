/// The result of checking the audit log's hash chain.
public struct AuditVerification: Hashable, Codable, Sendable {
    /// Entries checked.
    public let entriesChecked: Int
    /// Every break found, in order, each naming the entry (`entry 12 was edited`).
    public let problems: [String]

    /// Whether the chain is intact.
    public var isIntact: Bool { problems.isEmpty }
}
