import Foundation

/// A person's decision to keep a finding out of the open list: a risk acceptance or a
/// false-positive mark, with the reason, who decided, when, and an optional expiry after which
/// the finding opens again.
public struct Acceptance: Hashable, Codable, Sendable {
    /// `accepted` or `false-positive`.
    public let status: FindingStatus
    /// Why.
    public let reason: String
    /// Who decided.
    public let by: String
    /// When.
    public let at: Date
    /// When the decision lapses, if ever.
    public let expiresAt: Date?

    /// Creates an acceptance.
    public init(status: FindingStatus, reason: String, by: String, at: Date, expiresAt: Date?) {
        self.status = status
        self.reason = reason
        self.by = by
        self.at = at
        self.expiresAt = expiresAt
    }
}
