import Foundation
import ScantrailApp
import ScantrailCore
import Testing

@Suite("The configuration file's alerts: rules with their defaults, webhooks with their secrets")
struct AlertSettingsTests {
    private func settings(_ yaml: String) throws -> AlertSettings {
        try AppConfiguration(yaml: yaml, path: "scantrail.yml").alerts
    }

    /// What `body` is refused with (`nil`: accepted); always an ``AppError``.
    private func refusal(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as AppError {
            return error.description
        } catch {
            return "not an AppError: \(error)"
        }
    }

    @Test("no alerts section: high findings, 7 days to a deadline, 21 to an expiry, 3 failures, gaps; no webhook")
    func defaults() throws {
        let alerts = try settings("{}")
        #expect(alerts.minimumSeverity == .high && alerts.slaDueWithinDays == 7)
        #expect(alerts.certificateExpiresWithinDays == 21 && alerts.failedScansInARow == 3 && alerts.cadenceGaps)
        #expect(alerts.webhooks.isEmpty)
    }

    @Test("rules are set or turned off, and webhooks read their URL and secret from the environment")
    func configured() throws {
        let alerts = try settings(
            """
            alerts:
              minimumSeverity: none
              failedScansInARow: 0
              cadenceGaps: false
              webhooks:
                - {name: chat, url: "${SLACK_URL}", format: slack}
                - {name: siem, url: "https://siem.example/hook", format: json, secret: "${HOOK_SECRET}"}
            """)
        #expect(alerts.minimumSeverity == nil && alerts.failedScansInARow == 0 && !alerts.cadenceGaps)
        let webhooks = try alerts.resolvedWebhooks(
            environment: ["SLACK_URL": "https://hooks.slack.com/services/T/B/x", "HOOK_SECRET": "whsec"])
        #expect(webhooks.map(\.url.host) == ["hooks.slack.com", "siem.example"])
        #expect(webhooks.map(\.secret) == [nil, "whsec"] && webhooks.map(\.format) == [.slack, .json])
    }

    @Test(
        "a webhook that cannot be used is refused, naming it",
        arguments: [
            ("{name: w, url: \"${NOPE}\", format: slack}", "webhook w: environment variable NOPE is not set"),
            ("{name: w, url: \"ftp://x.example/\", format: slack}", "webhook w: the URL is not an http(s) URL"),
            ("{name: w, url: \"https://x.example/\", format: json}", "webhook w: a json webhook needs a secret"),
        ])
    func unusableWebhook(entry: String, message: String) throws {
        let alerts = try settings("alerts:\n  webhooks:\n    - \(entry)\n")
        let refused = refusal { _ = try alerts.resolvedWebhooks(environment: [:]) }
        #expect(refused?.hasPrefix(message) == true, "\(refused ?? "accepted")")
    }

    @Test(
        "rules no one could mean are refused with the file's name",
        arguments: [
            ("alerts:\n  minimumSeverity: severe\n", "is not critical, high, medium, low, info or none"),
            ("alerts:\n  slaDueWithinDays: -1\n", "cannot be negative"),
            (
                "alerts:\n  webhooks:\n    - {name: a, url: \"https://a.example/\", format: slack}\n    - {name: a, url: \"https://b.example/\", format: slack}\n",
                "webhook a is named twice"
            ),
            (
                "alerts:\n  webhooks:\n    - {name: a, url: \"https://a.example/\", format: email}\n",
                "config file scantrail.yml is not valid"
            ),
        ])
    func refused(yaml: String, message: String) {
        let refused = refusal { _ = try settings(yaml) }
        #expect(refused?.contains(message) == true, "\(refused ?? "accepted")")
    }
}
