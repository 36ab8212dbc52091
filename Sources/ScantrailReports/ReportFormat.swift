/// The formats a scan report can be written in.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// Human-readable summary for a terminal.
    case text
    /// The versioned JSON report (docs/report-format.md).
    case json
}
