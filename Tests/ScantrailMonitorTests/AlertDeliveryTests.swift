import Foundation
import HTTPTypes
import ScantrailApp
import ScantrailDemo
import ScantrailMonitor
import ScantrailStore
import ScantrailTestSupport
import Synchronization
import Testing

@Suite("Alert delivery: raised once, signed, retried on 5xx and 429, given up on 4xx, logged")
struct AlertDeliveryTests {
    /// Settings that alert on the first failed scheduled scan, to `webhooks`.
    static func settings(_ folder: StoreSettings, webhooks: [(String, Webhook.Format)], port: Int) throws
        -> StoreSettings
    {
        var settings = folder
        let lines = webhooks.map { name, format in
            "    - {name: \(name), url: \"http://127.0.0.1:\(port)/\(name)\", format: \(format.rawValue)"
                + (format == .json ? ", secret: \"${HOOK_SECRET}\"}" : "}")
        }
        settings.configuration = try AppConfiguration(
            yaml: "alerts:\n  failedScansInARow: 1\n  webhooks:\n" + lines.joined(separator: "\n") + "\n"
                + (lines.isEmpty ? "    []\n" : ""), path: "t.yaml")
        return settings
    }

    /// A monitored target nothing listens on, its one scheduled scan run (and failed) by a worker.
    static func failedScan(_ settings: StoreSettings) async throws -> [String] {
        _ = try await TargetMonitoring.add(
            "http://127.0.0.1:1/", schedule: try Schedule(every: "1h"), description: nil, identitiesFrom: nil,
            settings: settings)
        var options = ScanWorkerTests.options(maxAttempts: 1)
        options.name = "alerting"
        let said = Mutex<[String]>([])
        try await ScanWorker(settings: settings, options: options, environment: ["HOOK_SECRET": "s3cret"]).run {
            event in said.withLock { $0.append(event.description) }
        }
        return said.withLock { $0 }
    }

    @Test("a worker's failed scan raises one alert, delivered signed to a JSON webhook and as text to Slack")
    func workerDelivers() async throws {
        let receiver = WebhookReceiver()
        try await TargetMonitoringTests.withSettings { base in
            try await LocalHTTPServer.withRunning(receiver.router()) { port in
                let settings = try Self.settings(base, webhooks: [("siem", .json), ("chat", .slack)], port: port)
                let said = try await Self.failedScan(settings)
                #expect(
                    said.filter { $0.contains(": delivered: Scheduled scans failing: 1 in a row") }.count == 2,
                    "\(said)")
                let received = receiver.received
                #expect(received.map(\.path).sorted() == ["/chat", "/siem"])
                let json = try #require(received.first { $0.path == "/siem" })
                let signature = try #require(json.headers[HTTPField.Name("Scantrail-Signature")!])
                #expect(WebhookMessage.verify(header: signature, body: json.body, secret: "s3cret", now: Date()))
                #expect(json.headers[HTTPField.Name("Scantrail-Event")!] == "scan.failing")
                let slack = try #require(received.first { $0.path == "/chat" })
                #expect(String(decoding: slack.body, as: UTF8.self).contains("Scheduled scans failing"))

                // Evaluated again: the same alert, queued and delivered no second time.
                let dispatcher = try AlertDispatcher(
                    configuration: settings.configuration, environment: ["HOOK_SECRET": "s3cret"])
                let pass = try await settings.withStore { try await dispatcher.run(in: $0) }
                #expect(pass.raised.count == 1 && pass.queued.isEmpty && pass.attempted.isEmpty)
                #expect(receiver.received.count == 2)
            }
        }
    }

    @Test("a 500 and a 429 are retried (the 429 after its Retry-After), a 400 is given up; the log keeps each")
    func retries() async throws {
        let receiver = WebhookReceiver(script: ["flaky": [500], "limited": [429], "broken": [400]])
        try await TargetMonitoringTests.withSettings { base in
            try await LocalHTTPServer.withRunning(receiver.router()) { port in
                let settings = try Self.settings(
                    base, webhooks: [("flaky", .slack), ("limited", .slack), ("broken", .slack)], port: port)
                _ = try await Self.failedScan(try Self.settings(base, webhooks: [], port: port))
                var dispatcher = try AlertDispatcher(configuration: settings.configuration, environment: [:])
                dispatcher.retry = RetryPolicy(baseSeconds: 0.1, maximumSeconds: 0.2)
                try await settings.withStore { store in
                    let before = Date()
                    #expect(try await dispatcher.run(in: store).attempted.count == 3)
                    var log = try await store.alertDeliveries()
                    #expect(log.count == 3)
                    let byName = { (name: String) in log.first { $0.webhook == name } }
                    #expect(byName("flaky")?.state == .pending && byName("flaky")?.lastStatus == 500)
                    #expect(byName("limited")?.state == .pending && byName("limited")?.lastError == "HTTP 429")
                    #expect(byName("broken")?.state == .failed && byName("broken")?.lastStatus == 400)
                    let retryAfter = try #require(byName("limited")?.nextAttemptAt)
                    #expect(retryAfter.timeIntervalSince(before) >= 1)  // Retry-After: 1, not the 0.2 s back-off
                    try await Task.sleep(for: .seconds(1.2))
                    _ = try await dispatcher.deliverDue(in: store)
                    log = try await store.alertDeliveries()
                    #expect(byName("flaky")?.state == .delivered && byName("flaky")?.attempts == 2)
                    #expect(byName("limited")?.state == .delivered && byName("broken")?.attempts == 1)
                }
                #expect(receiver.received.filter { $0.path == "/broken" }.count == 1)
            }
        }
    }
}
