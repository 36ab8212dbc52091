import Foundation
import ScantrailCore

/// A finding followed across scans by its fingerprint.
public struct TrackedFinding: Hashable, Codable, Sendable {
    /// Stable identity.
    public let fingerprint: Fingerprint
    /// The scanned target (base URL) where it was first detected.
    public let target: String
    /// The rule.
    public let ruleID: String
    /// The check that reports it.
    public let checkID: String
    /// The rule's severity at detection.
    public let severity: Severity
    /// The rule's title.
    public let title: String
    /// Where.
    public let location: Location
    /// Where it is in its life.
    public var status: FindingStatus
    /// The scan that first detected it, and when that scan observed it.
    public let firstScanID: String
    /// When it was first observed.
    public let firstSeenAt: Date
    /// The latest scan that saw it failing.
    public var lastScanID: String
    /// When that scan observed it.
    public var lastSeenAt: Date
    /// SHA-256 of the check evidence of the latest failing observation.
    public var lastEvidenceSHA256: String
    /// What that observation saw.
    public var lastDetail: String
    /// Remediation deadline, frozen at detection; `nil` when the policy sets none.
    public let dueAt: Date?
    /// The scan that verified the fix, and when it observed the pass.
    public var fixedScanID: String?
    /// When the fix was observed.
    public var fixedAt: Date?
    /// How many times it came back after a fix.
    public var reopenCount: Int
    /// The current acceptance or false-positive mark.
    public var acceptance: Acceptance?

    /// The short identifier people type: the fingerprint's first 12 hex digits.
    public var id: String { String(fingerprint.rawValue.prefix(12)) }

    /// How it stands against its deadline at `now`.
    public func slaStatus(at now: Date) -> SLAStatus {
        guard let dueAt else { return .notApplicable }
        switch status {
        case .fixed:
            guard let fixedAt else { return .notApplicable }
            return fixedAt <= dueAt ? .met : .missed
        case .open:
            return now <= dueAt ? .openWithin : .openOverdue
        case .accepted, .falsePositive:
            return .notApplicable
        }
    }
}
