import ScantrailCore

/// A scanned target as the dashboard lists it.
public struct TargetSummary: Hashable, Sendable {
    /// Its base URL.
    public let target: String
    /// Scans recorded of it.
    public let scanCount: Int
    /// Its latest recorded scan.
    public let latest: ScanRecord
    /// Its open findings by severity (severities without any left out).
    public let openFindings: [Severity: Int]
}
