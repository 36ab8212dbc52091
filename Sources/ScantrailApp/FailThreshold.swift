import ScantrailCore

/// The lowest severity that fails a scan (`--fail-on`): a pipeline gate.
public enum FailThreshold: String, CaseIterable, Sendable {
    case critical, high, medium, low, none

    /// The lowest failing severity, or `nil` for `none`.
    public var severity: Severity? {
        Severity(rawValue: rawValue)
    }

    /// Whether any of `findings` is at or above the threshold.
    public func isCrossed(by findings: [Finding]) -> Bool {
        guard let severity else { return false }
        return findings.contains { $0.severity >= severity }
    }
}
