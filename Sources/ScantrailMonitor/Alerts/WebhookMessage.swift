import Crypto
import Foundation
import ScantrailApp
import ScantrailCore

/// The request a webhook is sent for an alert: its body in the webhook's format and its
/// headers, a `json` body signed the way Stripe signs its events.
///
/// `Scantrail-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`: a
/// receiver recomputes the HMAC over the timestamp, a dot and the raw body, compares in
/// constant time, and refuses a timestamp more than ``replayTolerance`` away from its clock.
/// `Scantrail-Delivery` is the same on every retry of one delivery, for idempotent receivers.
public struct WebhookMessage: Sendable, Hashable {
    /// How far a signature's timestamp may be from the receiver's clock.
    public static let replayTolerance: TimeInterval = 300

    /// The body posted.
    public let body: Data
    /// The headers besides `Content-Type: application/json`.
    public let headers: [String: String]

    /// The message for `alert` as delivery `deliveryID` to `webhook`, signed at `now`.
    public init(_ alert: Alert, deliveryID: String, webhook: Webhook, now: Date) throws {
        var headers = ["Scantrail-Delivery": deliveryID, "Scantrail-Event": alert.kind.rawValue]
        switch webhook.format {
        case .slack:
            body = try JSONSerialization.data(withJSONObject: ["text": Self.slackText(alert)], options: [.sortedKeys])
        case .json:
            body = try AlertJSON.encoder().encode(
                Envelope(id: deliveryID, type: alert.kind, createdAt: now, alert: alert))
        }
        if let secret = webhook.secret {
            headers["Scantrail-Signature"] = Self.signature(body: body, secret: secret, at: now)
        }
        self.headers = headers
    }

    /// What a `json` webhook receives.
    private struct Envelope: Encodable {
        let id: String
        let type: Alert.Kind
        let createdAt: Date
        let alert: Alert
    }

    /// The `Scantrail-Signature` value of `body` signed with `secret` at `at`.
    public static func signature(body: Data, secret: String, at: Date) -> String {
        let timestamp = Int(at.timeIntervalSince1970)
        return "t=\(timestamp),v1=\(mac(body: body, secret: secret, timestamp: timestamp))"
    }

    /// Whether `header` signs `body` with `secret`, timestamped within the tolerance of `now`:
    /// what a receiver checks.
    public static func verify(header: String, body: Data, secret: String, now: Date) -> Bool {
        var fields: [String: [String]] = [:]
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { fields[pair[0], default: []].append(pair[1]) }
        }
        guard let stamp = fields["t"]?.first, let timestamp = Int(stamp),
            abs(now.timeIntervalSince1970 - Double(timestamp)) <= replayTolerance
        else { return false }
        let expected = Data(mac(body: body, secret: secret, timestamp: timestamp).utf8)
        // Any v1 may match (a receiver mid-rotation); compared in constant time.
        return (fields["v1"] ?? []).contains { candidate in
            let given = Data(candidate.utf8)
            return given.count == expected.count && zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }

    private static func mac(body: Data, secret: String, timestamp: Int) -> String {
        var signed = Data("\(timestamp).".utf8)
        signed.append(body)
        let code = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(secret.utf8)))
        return code.map { String(format: "%02x", $0) }.joined()
    }

    /// Slack's mrkdwn: the title in bold, the detail, the finding to look up.
    static func slackText(_ alert: Alert) -> String {
        let severity = alert.severity.map { "[\($0.rawValue.uppercased())] " } ?? ""
        let lookup = alert.finding.map { "\n`scantrail finding \($0)`" } ?? ""
        return "*\(severity)\(escaped(alert.title))*\n\(escaped(alert.detail))\(lookup)"
    }

    /// Slack's three control characters, escaped as its documentation asks.
    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
