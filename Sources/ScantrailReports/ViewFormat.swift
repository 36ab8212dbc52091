/// How the other views (TLS probe, inventory, trail, rules) are written.
public enum ViewFormat: String, CaseIterable, Sendable {
    /// For a terminal.
    case text
    /// JSON, documented in docs/report-format.md.
    case json
}
