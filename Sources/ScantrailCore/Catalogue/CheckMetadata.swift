/// Stable facts about a check: its identifier, what it looks at and the rules it can report.
public struct CheckMetadata: Sendable, Hashable {
    /// Identifier, e.g. `headers.security`.
    public let id: String
    /// One-line description shown in progress output and reports.
    public let title: String
    /// Every rule the check may report an outcome for.
    public let rules: [Rule]
    /// Whether the check may change server state and so runs only with `--active`.
    public let isActive: Bool
    /// When the check runs relative to the others.
    public let phase: CheckPhase
    /// Whether the check sends out-of-band probes (``ScanContext/callbacks``), so the scan
    /// starts a callback listener when it runs.
    public let usesCallbacks: Bool

    /// Creates check metadata.
    public init(
        id: String, title: String, rules: [Rule], isActive: Bool = false, phase: CheckPhase = .probe,
        usesCallbacks: Bool = false
    ) {
        self.id = id
        self.title = title
        self.rules = rules
        self.isActive = isActive
        self.phase = phase
        self.usesCallbacks = usesCallbacks
    }
}
