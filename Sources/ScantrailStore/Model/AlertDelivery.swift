import Foundation

/// One alert on its way to one webhook: the delivery log's row.
public struct AlertDelivery: Codable, Sendable, Hashable {
    /// An alert as the monitor raises it, before it is queued for each webhook.
    public struct Alert: Sendable, Hashable {
        /// What makes it the same alert when evaluated again (`finding.opened:…:0`): queued once per webhook.
        public let key: String
        /// Its kind (`finding.opened`, `sla.missed`, …).
        public let kind: String
        /// The target it is about.
        public let target: String
        /// One line for the log.
        public let summary: String
        /// The whole alert, as JSON, from which each webhook's body is made.
        public let payload: String

        /// Creates an alert.
        public init(key: String, kind: String, target: String, summary: String, payload: String) {
            self.key = key
            self.kind = kind
            self.target = target
            self.summary = summary
            self.payload = payload
        }
    }

    /// Where a delivery is.
    public enum State: String, Codable, Sendable {
        /// Not yet accepted by the webhook; tried again at `nextAttemptAt`.
        case pending
        /// The webhook answered 2xx.
        case delivered
        /// Every attempt failed.
        case failed
    }

    /// Its id (`d_` and 12 hex digits), sent as the `Scantrail-Delivery` header.
    public let id: String
    public let alertKey: String
    /// The webhook's name.
    public let webhook: String
    public let kind: String
    public let target: String
    public let summary: String
    public let payload: String
    public let state: State
    /// Attempts made (the current one included, while one is under way).
    public let attempts: Int
    public let nextAttemptAt: Date
    /// The HTTP status of the last answer, and what went wrong with the last attempt.
    public let lastStatus: Int?
    public let lastError: String?
    public let createdAt: Date
    public let deliveredAt: Date?
}

extension AlertDelivery {
    static let columns = [
        "id", "alert_key", "webhook", "kind", "target", "summary", "payload", "state", "attempts", "next_attempt_at",
        "last_status", "last_error", "created_at", "delivered_at",
    ]

    init(alert: Alert, webhook: String, at: Date) {
        var random = SystemRandomNumberGenerator()
        self.init(
            id: "d_" + (0..<6).map { _ in UInt8.random(in: 0...255, using: &random) }.hexString, alertKey: alert.key,
            webhook: webhook, kind: alert.kind, target: alert.target, summary: alert.summary, payload: alert.payload,
            state: .pending, attempts: 0, nextAttemptAt: at, lastStatus: nil, lastError: nil, createdAt: at,
            deliveredAt: nil)
    }

    init(row: SQLRow) throws {
        id = try row.text("id")
        alertKey = try row.text("alert_key")
        webhook = try row.text("webhook")
        kind = try row.text("kind")
        target = try row.text("target")
        summary = try row.text("summary")
        payload = try row.text("payload")
        let state = try row.text("state")
        guard let known = State(rawValue: state) else {
            throw StoreError.corrupt("alert delivery \(id) has state \(state)")
        }
        self.state = known
        attempts = Int(try row.integer("attempts"))
        nextAttemptAt = Date(milliseconds: try row.integer("next_attempt_at"))
        lastStatus = try row.optionalInteger("last_status").map(Int.init)
        lastError = try row.optionalText("last_error")
        createdAt = Date(milliseconds: try row.integer("created_at"))
        deliveredAt = try row.optionalInteger("delivered_at").map(Date.init(milliseconds:))
    }

    var row: [SQLValue] {
        [
            .text(id), .text(alertKey), .text(webhook), .text(kind), .text(target), .text(summary), .text(payload),
            .text(state.rawValue), .int(attempts), .integer(nextAttemptAt.milliseconds),
            .integer(lastStatus.map(Int64.init)), .text(lastError), .integer(createdAt.milliseconds),
            .integer(deliveredAt?.milliseconds),
        ]
    }
}
