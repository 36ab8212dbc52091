import Foundation

extension AuditEntry {
    /// Appends `entries` to the log.
    static func insert(_ entries: [AuditEntry]) -> [SQLStatement] {
        SQLStatement.insert(
            into: "audit_log",
            columns: ["seq", "at", "actor", "action", "subject", "details", "previous_hash", "hash"],
            rows: entries.map {
                [
                    .int($0.sequence), .integer($0.at.milliseconds), .text($0.actor), .text($0.action),
                    .text($0.subject), .text($0.details), .text($0.previousHash), .text($0.hash),
                ]
            }
        )
    }

    /// Reads an `audit_log` row.
    init(row: SQLRow) throws {
        self.init(
            sequence: Int(try row.integer("seq")), at: Date(milliseconds: try row.integer("at")),
            actor: try row.text("actor"), action: try row.text("action"), subject: try row.text("subject"),
            details: try row.text("details"), previousHash: try row.text("previous_hash"), hash: try row.text("hash")
        )
    }
}
