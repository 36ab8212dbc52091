import ArgumentParser
import Foundation
import ScantrailApp
import ScantrailMonitor
import ScantrailReports

/// `scantrail tickets sync|list`: remediation tickets in GitHub Issues or Jira.
struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets",
        abstract: "Remediation tickets in GitHub Issues or Jira: opened, closed on a verified fix, reopened.",
        discussion: """
            The tracker and the severity come from the tickets: section of the config file \
            (docs/deployment.md). 'scantrail worker' syncs after every scan it ends and every ten minutes.
            """,
        subcommands: [Sync.self, List.self]
    )

    /// `scantrail tickets sync`.
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring the tracker's tickets in step with the findings, once.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let settings = try store.settings()
            guard
                let sync = try TicketSync(
                    configuration: settings.configuration, environment: ProcessInfo.processInfo.environment)
            else {
                throw ValidationError("no tracker configured: add tickets.github or tickets.jira to the config file")
            }
            let report = try await settings.withStore { try await sync.run(in: $0) }
            for action in report.actions { print(action) }
            print("\(report.actions.count) ticket action\(report.actions.count == 1 ? "" : "s").")
            if let stopped = report.stopped {
                StandardError.write("scantrail: tickets sync stopped: \(stopped); the next sync carries on")
                throw ExitStatus.trackerUnavailable
            }
        }
    }

    /// `scantrail tickets list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The remediation tickets the store records.")

        @Option(help: "Only this target's.")
        var target: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: TrailFormat

        func run() async throws {
            let tickets = try await store.withStore { try await $0.tickets(target: target) }
            try output.print(text: { TrailTextRenderer(now: Date()).tickets(tickets) }, json: tickets)
        }
    }
}
