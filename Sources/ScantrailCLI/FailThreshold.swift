import ArgumentParser
import ScantrailCore

/// The `--fail-on` threshold: the lowest severity that makes the scan exit 1.
public enum FailThreshold: String, CaseIterable, ExpressibleByArgument, Sendable {
    case critical, high, medium, low, none

    /// The lowest failing severity, or `nil` for `none`.
    var severity: Severity? {
        Severity(rawValue: rawValue)
    }

    /// Whether any of `findings` is at or above the threshold.
    func isCrossed(by findings: [Finding]) -> Bool {
        guard let severity else { return false }
        return findings.contains { $0.severity >= severity }
    }
}
