import ScantrailCore

/// Days allowed to fix a finding, per severity, counted from detection. The deadline is frozen
/// when a finding is first detected: changing the policy affects new findings only.
public struct SLAPolicy: Hashable, Codable, Sendable {
    /// Days for critical findings. Default 7.
    public var critical: Int = 7
    /// Days for high findings. Default 30.
    public var high: Int = 30
    /// Days for medium findings. Default 90.
    public var medium: Int = 90
    /// Days for low findings. Default 180.
    public var low: Int = 180
    /// Days for informational findings; `nil` (the default) sets no deadline.
    public var info: Int? = nil

    /// The defaults.
    public init() {}

    /// Days allowed for `severity`, or `nil` for no deadline.
    public func days(for severity: Severity) -> Int? {
        switch severity {
        case .critical: critical
        case .high: high
        case .medium: medium
        case .low: low
        case .info: info
        }
    }
}
