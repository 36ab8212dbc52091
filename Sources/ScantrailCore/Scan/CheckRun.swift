import Foundation

/// One check's part of a scan: what it observed, what it concluded, what it cost.
public struct CheckRun: Codable, Sendable {
    /// How the check ended.
    public enum Status: String, Codable, Sendable {
        /// Collected and evaluated.
        case completed
        /// Stopped by the scan deadline or a cancellation; its rules are inconclusive.
        case interrupted
        /// Could not run (an error before any evidence); its rules are inconclusive.
        case error
    }

    /// The check's identifier.
    public let checkID: String
    /// The check's title.
    public let title: String
    /// How it ended.
    public let status: Status
    /// When it started.
    public let startedAt: Date
    /// Wall time, in milliseconds.
    public let durationMilliseconds: Int
    /// Requests it put on the wire.
    public let requestsSent: Int
    /// What it concluded, passes and inconclusives included.
    public let outcomes: [Outcome]
    /// The evidence as stored (redacted), or `nil` when none was collected.
    public let evidence: JSONValue?
    /// Why it was interrupted or failed.
    public let reason: String?

    /// Creates a check run record.
    public init(
        checkID: String,
        title: String,
        status: Status,
        startedAt: Date,
        durationMilliseconds: Int,
        requestsSent: Int,
        outcomes: [Outcome],
        evidence: JSONValue?,
        reason: String?
    ) {
        self.checkID = checkID
        self.title = title
        self.status = status
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
        self.requestsSent = requestsSent
        self.outcomes = outcomes
        self.evidence = evidence
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey {
        case checkID = "checkId"
        case title, status, startedAt, durationMilliseconds, requestsSent, outcomes, evidence, reason
    }
}
