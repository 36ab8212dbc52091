import ScantrailCore

/// How many tracked findings are in each state at each severity: the dashboard's tallies, kept
/// current by every write, so reading them costs the same with ten findings or a million.
public struct FindingCounts: Hashable, Sendable {
    private var counts: [FindingStatus: [Severity: Int]] = [:]

    /// No findings.
    public init() {}

    /// Findings in `status` at `severity`.
    public subscript(status: FindingStatus, severity: Severity) -> Int {
        get { counts[status]?[severity] ?? 0 }
        set { counts[status, default: [:]][severity] = newValue }
    }

    /// Findings in `status`, at any severity.
    public func total(_ status: FindingStatus) -> Int {
        counts[status]?.values.reduce(0, +) ?? 0
    }

    /// Findings in `status`, by severity (severities without any left out).
    public func bySeverity(_ status: FindingStatus) -> [Severity: Int] {
        counts[status]?.filter { $0.value > 0 } ?? [:]
    }
}
