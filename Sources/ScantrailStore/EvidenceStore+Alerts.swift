import Foundation

/// The alert delivery log: each alert queued once per webhook however often it is evaluated,
/// deliveries claimed one at a time (never by two workers), retried, and kept.
extension EvidenceStore {
    /// Queues each of `alerts` for each of `webhooks`, skipping those already queued.
    ///
    /// - Returns: The deliveries queued now.
    @discardableResult
    public func queueAlerts(_ alerts: [AlertDelivery.Alert], webhooks: [String]) async throws -> [AlertDelivery] {
        guard !alerts.isEmpty, !webhooks.isEmpty else { return [] }
        let at = now()
        let lookups = SQLStatement.select(
            "SELECT alert_key, webhook FROM alert_deliveries", where: "alert_key", in: alerts.map { .text($0.key) })
        return try await database.write(reading: lookups) { rows in
            let queued = Set(try rows.joined().map { "\(try $0.text("alert_key"))\n\(try $0.text("webhook"))" })
            let deliveries = alerts.flatMap { alert in
                webhooks.filter { !queued.contains("\(alert.key)\n\($0)") }.map {
                    AlertDelivery(alert: alert, webhook: $0, at: at)
                }
            }
            return (
                SQLStatement.insert(
                    into: "alert_deliveries", columns: AlertDelivery.columns, rows: deliveries.map(\.row)),
                deliveries
            )
        }
    }

    /// Claims the pending delivery due longest (by `dueBy`, now by default), for `leaseSeconds`
    /// (its next attempt moves past the lease, so a sender that dies leaves it to be tried again).
    public func claimAlertDelivery(dueBy: Date? = nil, leaseSeconds: TimeInterval) async throws -> AlertDelivery? {
        let at = now()
        let rows = try await database.exchange(
            SQLStatement(
                """
                UPDATE alert_deliveries SET attempts = attempts + 1, next_attempt_at = ?
                WHERE id = (SELECT id FROM alert_deliveries WHERE state = 'pending' AND next_attempt_at <= ?
                ORDER BY next_attempt_at, id LIMIT 1 \(database.rowLock(skippingLocked: true)))
                RETURNING *
                """,
                [.integer(at.addingTimeInterval(leaseSeconds).milliseconds), .integer((dueBy ?? at).milliseconds)]))
        return try rows.first.map(AlertDelivery.init(row:))
    }

    /// Records how the attempt at `delivery` ended: delivered (`status` 2xx), tried again at
    /// `retryAt`, or failed for good (`retryAt` `nil`).
    ///
    /// - Returns: The delivery as it now stands, or `nil` if another sender's attempt superseded this one.
    @discardableResult
    public func finishAlertDelivery(
        _ delivery: AlertDelivery, status: Int?, error: String?, retryAt: Date?
    ) async throws -> AlertDelivery? {
        let at = now()
        let delivered = error == nil
        let state: AlertDelivery.State = delivered ? .delivered : retryAt == nil ? .failed : .pending
        let rows = try await database.exchange(
            SQLStatement(
                """
                UPDATE alert_deliveries SET state = ?, last_status = ?, last_error = ?, next_attempt_at = ?,
                delivered_at = ? WHERE id = ? AND attempts = ? AND state = 'pending' RETURNING *
                """,
                [
                    .text(state.rawValue), .integer(status.map(Int64.init)), .text(error),
                    .integer((retryAt ?? at).milliseconds), .integer(delivered ? at.milliseconds : nil),
                    .text(delivery.id), .int(delivery.attempts),
                ]))
        return try rows.first.map(AlertDelivery.init(row:))
    }

    /// The delivery log, newest first.
    public func alertDeliveries(limit: Int = 100) async throws -> [AlertDelivery] {
        try await database.rows(
            SQLStatement(
                "SELECT * FROM alert_deliveries ORDER BY created_at DESC, id DESC LIMIT ?",
                [.int(min(max(limit, 1), Self.maxPageSize))])
        ).map(AlertDelivery.init(row:))
    }
}
