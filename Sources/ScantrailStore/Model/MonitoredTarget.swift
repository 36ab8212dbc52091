import Foundation

/// A target scanned on a schedule (`scantrail targets add`).
public struct MonitoredTarget: Codable, Sendable, Hashable {
    /// Its id (`t_` and 8 hex digits).
    public let id: String
    /// The base URL scanned.
    public let url: String
    /// When it is scanned, as the monitor writes a schedule (`every 86400`, `cron 0 3 * * * @ UTC`);
    /// the store keeps it as given.
    public let schedule: String
    /// Where its OpenAPI description comes from, if named.
    public let description: String?
    /// The configuration file its identities come from, if named.
    public let identitiesFrom: String?
    /// When it was added, and by whom.
    public let createdAt: Date
    public let createdBy: String
    /// When its next scan is due.
    public let nextRunAt: Date
    /// When it was paused (`nil`: scanned on schedule).
    public let pausedAt: Date?
}

extension MonitoredTarget {
    static let columns = [
        "id", "url", "schedule", "description", "identities_from", "created_at", "created_by", "next_run_at",
        "paused_at",
    ]

    init(row: SQLRow) throws {
        id = try row.text("id")
        url = try row.text("url")
        schedule = try row.text("schedule")
        description = try row.optionalText("description")
        identitiesFrom = try row.optionalText("identities_from")
        createdAt = Date(milliseconds: try row.integer("created_at"))
        createdBy = try row.text("created_by")
        nextRunAt = Date(milliseconds: try row.integer("next_run_at"))
        pausedAt = try row.optionalInteger("paused_at").map(Date.init(milliseconds:))
    }

    var row: [SQLValue] {
        [
            .text(id), .text(url), .text(schedule), .text(description), .text(identitiesFrom),
            .integer(createdAt.milliseconds), .text(createdBy), .integer(nextRunAt.milliseconds),
            .integer(pausedAt?.milliseconds),
        ]
    }
}
