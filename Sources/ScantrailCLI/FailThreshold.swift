import ArgumentParser
import ScantrailCore

/// The `--fail-on` threshold: the lowest severity that makes the scan exit 1.
public enum FailThreshold: String, CaseIterable, ExpressibleByArgument, Sendable {
    case critical, high, medium, low, none

    /// The lowest failing severity, or `nil` for `none`.
    var severity: Severity? {
        Severity(rawValue: rawValue)
    }

    /// Whether `result` has a finding at or above the threshold.
    func isCrossed(by result: ScanResult) -> Bool {
        guard let severity, let highest = result.highestSeverity else { return false }
        return highest >= severity
    }
}
