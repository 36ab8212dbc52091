import ScantrailCore
import ScantrailStore

/// A ticket as the tracker holds it.
public struct TrackedIssue: Sendable, Hashable {
    /// The issue number (`42`) or key (`SEC-7`).
    public let key: String
    /// Its page.
    public let url: String
    public let isOpen: Bool

    /// Creates an issue as read from a tracker.
    public init(key: String, url: String, isOpen: Bool) {
        self.key = key
        self.url = url
        self.isOpen = isOpen
    }
}

/// Where remediation tickets live: GitHub Issues or Jira Cloud, through their REST APIs.
public protocol TicketTracker: Sendable {
    /// `github` or `jira`, as the store records it.
    var name: String { get }
    /// The tickets Scantrail made before, found by the fingerprint each carries, so a ticket is
    /// never made twice (not even after the store was lost).
    func existingTickets() async throws -> [Fingerprint: TrackedIssue]
    /// One ticket as it stands now.
    func issue(_ key: String) async throws -> TrackedIssue
    /// Makes a ticket.
    func create(_ ticket: TicketContent) async throws -> TrackedIssue
    /// Comments, then closes as fixed or as not planned.
    func close(_ key: String, as closure: RemediationTicket.Closure, comment: String) async throws
    /// Comments, then reopens.
    func reopen(_ key: String, comment: String) async throws
}
