import Foundation
import ScantrailApp
import ScantrailStore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The alert loop: evaluates the rules over the store's facts, queues each alert once per
/// webhook (the delivery log), and posts what is due — retried with jittered back-off on a
/// network failure, a 5xx or a 429 (after its `Retry-After`), given up on a 4xx or after the
/// last attempt. Webhook URLs never appear in the log: Slack's carry their secret.
public struct AlertDispatcher: Sendable {
    /// What one pass did.
    public struct Pass: Sendable {
        /// Alerts the facts raise now (queued before, or now).
        public let raised: [Alert]
        /// Deliveries queued by this pass.
        public let queued: [AlertDelivery]
        /// Deliveries attempted by this pass, as they ended.
        public let attempted: [AlertDelivery]
    }

    public let settings: AlertSettings
    public let webhooks: [Webhook]
    /// When a failed delivery is tried again.
    public var retry = RetryPolicy(baseSeconds: 30, maximumSeconds: 3_600)
    /// Attempts per delivery.
    public var maxAttempts = 6
    /// How long a webhook may take to answer.
    public var timeoutSeconds: Double = 10
    /// Deliveries one pass attempts at most.
    public var maxDeliveriesPerPass = 200

    /// Creates a dispatcher for `settings`, posting to `webhooks`.
    public init(settings: AlertSettings, webhooks: [Webhook]) {
        self.settings = settings
        self.webhooks = webhooks
    }

    /// The dispatcher the configuration file describes, its `${VAR}`s read from `environment`.
    ///
    /// - Throws: ``AppError`` for a webhook that cannot be used.
    public init(configuration: AppConfiguration, environment: [String: String]) throws {
        self.init(
            settings: configuration.alerts,
            webhooks: try configuration.alerts.resolvedWebhooks(environment: environment))
    }

    /// Evaluates, queues and delivers once.
    public func run(in store: EvidenceStore, now: Date = Date()) async throws -> Pass {
        let facts = try await AlertFacts.read(from: store, settings: settings, now: now)
        let raised = AlertEvaluator.evaluate(facts, settings: settings, now: now)
        let queued = try await store.queueAlerts(try raised.map(Self.record), webhooks: webhooks.map(\.name))
        return Pass(raised: raised, queued: queued, attempted: try await deliverDue(in: store))
    }

    /// Posts the deliveries due when it starts, one claim at a time (a retry it schedules waits
    /// for a later pass).
    public func deliverDue(in store: EvidenceStore) async throws -> [AlertDelivery] {
        guard !webhooks.isEmpty else { return [] }
        let start = Date()
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        var attempted: [AlertDelivery] = []
        for _ in 0..<maxDeliveriesPerPass {
            guard
                let delivery = try await store.claimAlertDelivery(dueBy: start, leaseSeconds: timeoutSeconds * 3)
            else { break }
            let (status, error, retryAfter) = await attempt(delivery, session: session)
            var retryAt: Date?
            if let retryAfter, delivery.attempts < maxAttempts {
                var random = SystemRandomNumberGenerator()
                retryAt = Date().addingTimeInterval(
                    max(retryAfter, retry.delay(afterAttempt: delivery.attempts, using: &random)))
            }
            if let ended = try await store.finishAlertDelivery(
                delivery, status: status, error: error, retryAt: retryAt)
            {
                attempted.append(ended)
            }
        }
        return attempted
    }

    /// The store's row for `alert`.
    static func record(_ alert: Alert) throws -> AlertDelivery.Alert {
        AlertDelivery.Alert(
            key: alert.key, kind: alert.kind.rawValue, target: alert.target, summary: alert.title,
            payload: String(decoding: try AlertJSON.encoder().encode(alert), as: UTF8.self))
    }

    /// Posts one delivery: its status, what went wrong (`nil`: delivered), and, when worth
    /// retrying, the least wait before the next attempt.
    private func attempt(_ delivery: AlertDelivery, session: URLSession) async -> (
        status: Int?, error: String?, retryAfter: Double?
    ) {
        guard let webhook = webhooks.first(where: { $0.name == delivery.webhook }) else {
            return (nil, "webhook \(delivery.webhook) is no longer configured", nil)
        }
        let message: WebhookMessage
        do {
            let alert = try AlertJSON.decoder().decode(Alert.self, from: Data(delivery.payload.utf8))
            message = try WebhookMessage(alert, deliveryID: delivery.id, webhook: webhook, now: Date())
        } catch {
            return (nil, "the stored alert cannot be read", nil)
        }
        var request = URLRequest(url: webhook.url, timeoutInterval: timeoutSeconds)
        request.httpMethod = "POST"
        request.httpBody = message.body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Scantrail-Webhooks", forHTTPHeaderField: "User-Agent")
        for (name, value) in message.headers { request.setValue(value, forHTTPHeaderField: name) }
        do {
            let (_, response) = try await session.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            switch status {
            case 200..<300:
                return (status, nil, nil)
            case 429, 408, 500..<600:
                let header = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Retry-After")
                return (status, "HTTP \(status)", header.flatMap(Double.init) ?? 0)
            default:
                return (status, "HTTP \(status)", nil)
            }
        } catch let error as URLError {
            let reasons: [URLError.Code: String] = [
                .timedOut: "timed out", .cannotConnectToHost: "connection refused", .cannotFindHost: "host not found",
                .networkConnectionLost: "connection lost", .secureConnectionFailed: "TLS handshake failed",
                .serverCertificateUntrusted: "certificate not trusted",
            ]
            return (nil, "not delivered: \(reasons[error.code] ?? "URLError \(error.code.rawValue)")", 0)
        } catch {
            return (nil, "not delivered", 0)
        }
    }
}
