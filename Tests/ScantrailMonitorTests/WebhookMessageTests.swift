import Crypto
import Foundation
import ScantrailApp
import ScantrailMonitor
import Testing

@Suite("Webhook messages: Slack's text, signed JSON, and the signature a receiver checks")
struct WebhookMessageTests {
    static let alert = Alert(
        kind: .findingOpened, key: "k", target: "https://api.example.com/", severity: .high,
        title: "New high finding: <script> & co", detail: "GET / on https://api.example.com/", finding: "abc123")
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a Slack webhook gets mrkdwn text, its control characters escaped, and no signature")
    func slack() throws {
        let webhook = Webhook(name: "s", url: URL(string: "https://hooks.example/x")!, format: .slack, secret: nil)
        let message = try WebhookMessage(Self.alert, deliveryID: "d_1", webhook: webhook, now: Self.at)
        let text = try #require(try JSONSerialization.jsonObject(with: message.body) as? [String: String])["text"]
        #expect(
            text
                == "*[HIGH] New high finding: &lt;script&gt; &amp; co*\nGET / on https://api.example.com/\n`scantrail finding abc123`"
        )
        #expect(message.headers["Scantrail-Signature"] == nil && message.headers["Scantrail-Event"] == "finding.opened")
    }

    @Test("a JSON webhook's body is signed as HMAC-SHA256 over the timestamp, a dot and the body")
    func signedJSON() throws {
        let webhook = Webhook(name: "j", url: URL(string: "https://siem.example/")!, format: .json, secret: "whsec")
        let message = try WebhookMessage(Self.alert, deliveryID: "d_1", webhook: webhook, now: Self.at)
        let header = try #require(message.headers["Scantrail-Signature"])
        // Computed here independently of the signer.
        let signed = Data("1800000000.".utf8) + message.body
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data("whsec".utf8)))
        #expect(header == "t=1800000000,v1=" + mac.map { String(format: "%02x", $0) }.joined())
        let body = try #require(try JSONSerialization.jsonObject(with: message.body) as? [String: Any])
        #expect(body["id"] as? String == "d_1" && body["type"] as? String == "finding.opened")
        #expect(message.headers["Scantrail-Delivery"] == "d_1")

        #expect(WebhookMessage.verify(header: header, body: message.body, secret: "whsec", now: Self.at + 299))
        #expect(!WebhookMessage.verify(header: header, body: message.body, secret: "whsec", now: Self.at + 301))
        #expect(!WebhookMessage.verify(header: header, body: message.body, secret: "other", now: Self.at))
        #expect(
            !WebhookMessage.verify(header: header, body: message.body + Data(" ".utf8), secret: "whsec", now: Self.at))
        #expect(!WebhookMessage.verify(header: "v1=00", body: message.body, secret: "whsec", now: Self.at))
    }
}
