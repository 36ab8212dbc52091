import ArgumentParser
import Foundation
import ScantrailMonitor

/// `scantrail alerts run|log`: the alert rules and webhooks of the configuration file.
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Raise and deliver alerts (new findings, deadlines, certificates, failing scans, missed runs).",
        discussion: """
            Rules and webhooks come from the alerts: section of the config file (docs/deployment.md). \
            'scantrail worker' runs the same pass after every scan and once a minute.
            """,
        subcommands: [Run.self, Log.self]
    )

    /// `scantrail alerts run`.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate the alert rules once, queue new alerts for each webhook, and deliver what is due.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let settings = try store.settings()
            let dispatcher = try AlertDispatcher(
                configuration: settings.configuration, environment: ProcessInfo.processInfo.environment)
            let pass = try await settings.withStore { try await dispatcher.run(in: $0) }
            for delivery in pass.attempted { print(delivery.line) }
            print(
                "\(pass.raised.count) alert\(pass.raised.count == 1 ? "" : "s") raised, \(pass.queued.count) newly queued "
                    + "for \(dispatcher.webhooks.count) webhook\(dispatcher.webhooks.count == 1 ? "" : "s"), "
                    + "\(pass.attempted.filter { $0.state == .delivered }.count) delivered.")
        }
    }

    /// `scantrail alerts log`.
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The alert delivery log, newest first.")

        @Option(help: "Entries shown.")
        var limit = 50

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: TrailFormat

        func run() async throws {
            let deliveries = try await store.withStore { try await $0.alertDeliveries(limit: limit) }
            try output.print(
                text: {
                    deliveries.isEmpty
                        ? "No alerts delivered or queued.\n" : deliveries.map { $0.line + "\n" }.joined()
                }, json: deliveries)
        }
    }
}
