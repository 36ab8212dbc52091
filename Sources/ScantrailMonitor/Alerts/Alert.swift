import Foundation
import ScantrailCore

/// Something that needs a person: a new serious finding, a deadline, a certificate, a target
/// that no longer scans, a scheduled run that did not happen. Its key makes it the same alert
/// each time it is evaluated, so it is delivered once.
public struct Alert: Codable, Sendable, Hashable {
    /// What an alert is about.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A finding at or above the minimum severity was detected, or reopened.
        case findingOpened = "finding.opened"
        /// An open finding's remediation deadline is near.
        case slaDueSoon = "sla.due-soon"
        /// An open finding's remediation deadline has passed.
        case slaMissed = "sla.missed"
        /// A served certificate expires soon, or has expired.
        case certificateExpiring = "certificate.expiring"
        /// A monitored target's scheduled scans keep failing.
        case scansFailing = "scan.failing"
        /// A scheduled run did not happen.
        case cadenceGap = "cadence.gap"
    }

    public let kind: Kind
    /// The same for the same event, however often evaluated (`finding.opened:<fingerprint>:0`).
    public let key: String
    /// The target's base URL.
    public let target: String
    /// The finding's severity, for finding alerts.
    public let severity: Severity?
    /// One line: what happened.
    public let title: String
    /// What to know: where, since when, by when.
    public let detail: String
    /// The finding's id (`scantrail finding ID`), for finding alerts.
    public let finding: String?
    /// The moment the alert turns on: a deadline, an expiry, a missed run.
    public let at: Date?

    /// Creates an alert.
    public init(
        kind: Kind, key: String, target: String, severity: Severity? = nil, title: String, detail: String,
        finding: String? = nil, at: Date? = nil
    ) {
        self.kind = kind
        self.key = key
        self.target = target
        self.severity = severity
        self.title = title
        self.detail = detail
        self.finding = finding
        self.at = at
    }
}
