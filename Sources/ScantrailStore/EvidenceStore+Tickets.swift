import Foundation

/// Remediation tickets as part of the trail: each ticket action is an audit entry on its
/// finding, so a finding's history reads scan result → ticket → proof of fix → ticket closed.
extension EvidenceStore {
    /// What a ticket action's audit entry says.
    private struct TicketEvent: Encodable {
        let tracker: String
        let key: String
        let url: String
        let state: RemediationTicket.State
        let closedAs: RemediationTicket.Closure?
        let note: String?
    }

    /// Records `ticket` as it now stands after `action` (`ticket.created`, `ticket.linked`,
    /// `ticket.closed`, `ticket.reopened`, `ticket.closed-by-hand`), with an audit entry on its finding.
    @discardableResult
    public func recordTicket(_ ticket: RemediationTicket, action: String, note: String? = nil) async throws
        -> RemediationTicket
    {
        let (at, actor) = (now(), actor)
        return try await database.write(reading: [AuditChain.headQuery]) { rows in
            var chain = try AuditChain(headRows: rows[0], at: at, actor: actor)
            try chain.append(
                action, subject: ticket.fingerprint.rawValue,
                details: TicketEvent(
                    tracker: ticket.tracker, key: ticket.key, url: ticket.url, state: ticket.state,
                    closedAs: ticket.closedAs, note: note))
            let statements =
                [SQLStatement("DELETE FROM tickets WHERE fingerprint = ?", [.text(ticket.fingerprint.rawValue)])]
                + SQLStatement.insert(into: "tickets", columns: RemediationTicket.columns, rows: [ticket.row])
                + AuditEntry.insert(chain.entries)
            return (statements, ticket)
        }
    }

    /// Every remediation ticket (of one target), by target and key.
    public func tickets(target: String? = nil) async throws -> [RemediationTicket] {
        let filter = target == nil ? "" : " WHERE target = ?"
        return try await database.rows(
            SQLStatement(
                "SELECT * FROM tickets\(filter) ORDER BY target, created_at, ticket_key",
                [target.map(SQLValue.text)].compactMap { $0 })
        ).map(RemediationTicket.init(row:))
    }
}
