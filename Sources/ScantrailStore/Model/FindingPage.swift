import Foundation
import ScantrailCore

/// Which tracked findings to page through: one state (open by default), optionally one target
/// and one severity, in due-date order (the nearest deadline first, those without one last).
public struct FindingFilter: Hashable, Sendable {
    /// The state.
    public var status: FindingStatus
    /// Only this target's (its base URL).
    public var target: String?
    /// Only this severity.
    public var severity: Severity?

    /// Creates a filter.
    public init(status: FindingStatus = .open, target: String? = nil, severity: Severity? = nil) {
        self.status = status
        self.target = target
        self.severity = severity
    }
}

/// One page of findings, and where the next one starts.
public struct FindingPage: Sendable {
    /// The findings, nearest deadline first.
    public let findings: [TrackedFinding]
    /// The cursor of the next page; `nil` on the last.
    public let next: FindingCursor?
}

/// Where a page of findings starts: just after this deadline and fingerprint. Keyset paging, so
/// a page costs the same at the start or deep into a million findings, and findings added
/// meanwhile neither repeat nor vanish from later pages.
public struct FindingCursor: Hashable, Sendable {
    /// The last finding's deadline (`nil`: the page was among those without one).
    public let dueAt: Date?
    /// The last finding's fingerprint.
    public let fingerprint: Fingerprint

    /// The cursor after `finding`.
    public init(after finding: TrackedFinding) {
        dueAt = finding.dueAt
        fingerprint = finding.fingerprint
    }

    /// The opaque token an API hands out (`1790000000000.<fingerprint>`, or `-.<fingerprint>`).
    public var token: String {
        "\(dueAt.map { String($0.milliseconds) } ?? "-").\(fingerprint.rawValue)"
    }

    /// Reads a token; `nil` for anything ``token`` does not produce.
    public init?(token: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy(\.isHexDigit) else { return nil }
        if parts[0] == "-" {
            dueAt = nil
        } else if let milliseconds = Int64(parts[0]), milliseconds >= 0 {
            dueAt = Date(milliseconds: milliseconds)
        } else {
            return nil
        }
        fingerprint = Fingerprint(rawValue: String(parts[1]))
    }
}
