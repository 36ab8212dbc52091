import Foundation
import ScantrailCore

/// A finding's remediation ticket in GitHub Issues or Jira, as last synced.
public struct RemediationTicket: Codable, Sendable, Hashable {
    /// Where a ticket stands.
    public enum State: String, Codable, Sendable {
        case open
        case closed
    }

    /// Why a ticket was closed.
    public enum Closure: String, Codable, Sendable {
        /// By Scantrail: the finding was verified fixed.
        case fixed
        /// By Scantrail: the finding's risk was accepted or it was marked a false positive.
        case notPlanned = "not-planned"
        /// By someone in the tracker, while the finding was still open.
        case byHand = "by-hand"
    }

    public let fingerprint: Fingerprint
    /// The finding's target.
    public let target: String
    /// `github` or `jira`.
    public let tracker: String
    /// The issue number (`42`) or key (`SEC-7`).
    public let key: String
    /// The ticket's page.
    public let url: String
    public let state: State
    public let closedAs: Closure?
    public let createdAt: Date
    public let updatedAt: Date

    /// Creates a ticket record.
    public init(
        fingerprint: Fingerprint, target: String, tracker: String, key: String, url: String, state: State,
        closedAs: Closure?, createdAt: Date, updatedAt: Date
    ) {
        self.fingerprint = fingerprint
        self.target = target
        self.tracker = tracker
        self.key = key
        self.url = url
        self.state = state
        self.closedAs = closedAs
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The same ticket, now in `state`.
    public func with(state: State, closedAs: Closure?, at: Date) -> RemediationTicket {
        RemediationTicket(
            fingerprint: fingerprint, target: target, tracker: tracker, key: key, url: url, state: state,
            closedAs: closedAs, createdAt: createdAt, updatedAt: at)
    }
}

extension RemediationTicket {
    static let columns = [
        "fingerprint", "target", "tracker", "ticket_key", "url", "state", "closed_as", "created_at", "updated_at",
    ]

    init(row: SQLRow) throws {
        fingerprint = Fingerprint(rawValue: try row.text("fingerprint"))
        target = try row.text("target")
        tracker = try row.text("tracker")
        key = try row.text("ticket_key")
        url = try row.text("url")
        guard let state = State(rawValue: try row.text("state")) else {
            throw StoreError.corrupt("ticket \(try row.text("ticket_key")) has an unknown state")
        }
        self.state = state
        closedAs = try row.optionalText("closed_as").flatMap(Closure.init(rawValue:))
        createdAt = Date(milliseconds: try row.integer("created_at"))
        updatedAt = Date(milliseconds: try row.integer("updated_at"))
    }

    var row: [SQLValue] {
        [
            .text(fingerprint.rawValue), .text(target), .text(tracker), .text(key), .text(url), .text(state.rawValue),
            .text(closedAs?.rawValue), .integer(createdAt.milliseconds), .integer(updatedAt.milliseconds),
        ]
    }
}
