import Foundation
import ScantrailCore

/// The `alerts:` section of the configuration file: which events raise an alert, and the
/// webhooks alerts go to. Every rule can be turned off (`none`, or `0` for a count).
///
/// ```yaml
/// alerts:
///   minimumSeverity: high            # new or reopened findings, and their SLA deadlines
///   slaDueWithinDays: 7              # a deadline this close; a missed one always alerts
///   certificateExpiresWithinDays: 21
///   failedScansInARow: 3             # a monitored target's scheduled scans
///   cadenceGaps: true                # a scheduled run that did not happen
///   webhooks:
///     - name: security-channel
///       url: ${SLACK_WEBHOOK_URL}
///       format: slack
///     - name: siem
///       url: https://siem.example.com/hooks/scantrail
///       format: json                 # signed: Scantrail-Signature: t=…,v1=HMAC-SHA256
///       secret: ${SCANTRAIL_WEBHOOK_SECRET}
/// ```
public struct AlertSettings: Decodable, Sendable, Hashable {
    /// The lowest severity of a new or reopened finding that alerts, and whose deadline does;
    /// `nil` turns finding alerts off.
    public var minimumSeverity: Severity? = .high
    /// Alert when a finding's deadline is this many days away or less (`0`: only when missed).
    public var slaDueWithinDays = 7
    /// Alert when a served certificate expires within this many days (`0`: off).
    public var certificateExpiresWithinDays = 21
    /// Alert when a monitored target's scheduled scan has failed this many times in a row (`0`: off).
    public var failedScansInARow = 3
    /// Alert when a scheduled run did not happen.
    public var cadenceGaps = true
    /// Where alerts go, secrets not yet read from the environment.
    public var webhooks: [WebhookEntry] = []

    /// The defaults (no webhook: alerts are kept in the store's delivery log only once one is named).
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case minimumSeverity, slaDueWithinDays, certificateExpiresWithinDays, failedScansInARow, cadenceGaps, webhooks
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let severity = try container.decodeIfPresent(String.self, forKey: .minimumSeverity) {
            guard severity == "none" || Severity(rawValue: severity) != nil else {
                throw DecodingError.dataCorruptedError(
                    forKey: .minimumSeverity, in: container,
                    debugDescription: "'\(severity.prefix(20))' is not critical, high, medium, low, info or none")
            }
            minimumSeverity = Severity(rawValue: severity)
        }
        func days(_ key: CodingKeys, _ fallback: Int) throws -> Int {
            let value = try container.decodeIfPresent(Int.self, forKey: key) ?? fallback
            guard value >= 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "cannot be negative")
            }
            return value
        }
        slaDueWithinDays = try days(.slaDueWithinDays, slaDueWithinDays)
        certificateExpiresWithinDays = try days(.certificateExpiresWithinDays, certificateExpiresWithinDays)
        failedScansInARow = try days(.failedScansInARow, failedScansInARow)
        cadenceGaps = try container.decodeIfPresent(Bool.self, forKey: .cadenceGaps) ?? cadenceGaps
        webhooks = try container.decodeIfPresent([WebhookEntry].self, forKey: .webhooks) ?? []
        var names: Set<String> = []
        for webhook in webhooks where !names.insert(webhook.name).inserted {
            throw DecodingError.dataCorruptedError(
                forKey: .webhooks, in: container, debugDescription: "webhook \(webhook.name) is named twice")
        }
    }

    /// The webhooks, with `${VAR}` references read from `environment`.
    ///
    /// - Throws: ``AppError`` for an unset variable or a URL that is not http(s).
    public func resolvedWebhooks(environment: [String: String]) throws -> [Webhook] {
        try webhooks.map { try $0.resolved(environment: environment) }
    }
}
