import ArgumentParser
import Foundation
import ScantrailApp
import ScantrailMonitor
import ScantrailReports
import ScantrailStore

/// `scantrail targets add|list|show|pause|resume|remove`: the targets scanned on a schedule.
struct TargetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "Manage the targets scanned on a schedule (by `scantrail worker`).",
        subcommands: [Add.self, List.self, Show.self, Pause.self, Resume.self, Remove.self]
    )

    /// `scantrail targets add`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Monitor a target: scanned at once, then on its schedule.")

        @Argument(help: "The API's base URL.")
        var url: String

        @Option(help: ArgumentHelp("Scan at this interval: 30m, 24h, 7d, 1w.", valueName: "interval"))
        var every: String?

        @Option(help: ArgumentHelp("Scan at the minutes a cron expression names (\"0 3 * * 1-5\").", valueName: "expr"))
        var cron: String?

        @Option(help: "The time zone of --cron (an IANA name).")
        var timeZone = "UTC"

        @Option(help: ArgumentHelp("Its OpenAPI description (file or URL).", valueName: "file|url"))
        var openapi: String?

        @Option(help: ArgumentHelp("The config file whose identities it is scanned as.", valueName: "file"))
        var identitiesFrom: String?

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard (every == nil) != (cron == nil) else { throw ValidationError("give --every or --cron, not both") }
        }

        func run() async throws {
            let schedule: Schedule
            do throws(Schedule.Invalid) {
                if let every {
                    schedule = try Schedule(every: every)
                } else {
                    schedule = try Schedule(cron: cron ?? "", timeZone: timeZone)
                }
            } catch {
                throw ValidationError(error.description)
            }
            let target = try await TargetMonitoring.add(
                url, schedule: schedule, description: openapi, identitiesFrom: identitiesFrom,
                settings: try store.settings())
            print("Monitoring \(target.url) as \(target.id), \(target.schedule); first scan due now.")
        }
    }

    /// `scantrail targets list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List monitored targets: schedule, next run, state, runs missed.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: TrailFormat

        func run() async throws {
            let statuses = try await TargetMonitoring.statuses(settings: try store.settings())
            try output.print(
                text: { TrailTextRenderer(now: Date()).targets(statuses.map { ($0.target, $0.missedRuns.count) }) },
                json: statuses)
        }
    }

    /// `scantrail targets show`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One monitored target and the runs it missed.")

        @Argument(help: "Its id (t_…) or URL.")
        var target: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: TrailFormat

        func run() async throws {
            let status = try await TargetMonitoring.status(of: target, settings: try store.settings())
            try output.print(
                text: { TrailTextRenderer(now: Date()).target(status.target, missedRuns: status.missedRuns) },
                json: status)
        }
    }

    /// `scantrail targets pause`.
    struct Pause: TargetChange {
        static let configuration = CommandConfiguration(abstract: "Stop scanning a target until resumed.")
        @Argument(help: "Its id (t_…) or URL.") var target: String
        @OptionGroup var store: StoreOptions

        func change(_ settings: StoreSettings) async throws -> String {
            let paused = try await TargetMonitoring.pause(target, settings: settings)
            return "Paused \(paused.url) (\(paused.id))."
        }
    }

    /// `scantrail targets resume`.
    struct Resume: TargetChange {
        static let configuration = CommandConfiguration(abstract: "Scan a paused target again, starting now.")
        @Argument(help: "Its id (t_…) or URL.") var target: String
        @OptionGroup var store: StoreOptions

        func change(_ settings: StoreSettings) async throws -> String {
            let resumed = try await TargetMonitoring.resume(target, settings: settings)
            return "Resumed \(resumed.url) (\(resumed.id)); next scan due now."
        }
    }

    /// `scantrail targets remove`.
    struct Remove: TargetChange {
        static let configuration = CommandConfiguration(
            abstract: "Stop monitoring a target; its recorded scans and findings stay.")
        @Argument(help: "Its id (t_…) or URL.") var target: String
        @OptionGroup var store: StoreOptions

        func change(_ settings: StoreSettings) async throws -> String {
            let removed = try await TargetMonitoring.remove(target, settings: settings)
            return "No longer monitoring \(removed.url) (\(removed.id))."
        }
    }
}

/// A subcommand that changes one monitored target and says what it did.
protocol TargetChange: AsyncParsableCommand {
    var store: StoreOptions { get }
    /// Makes the change; the line to print.
    func change(_ settings: StoreSettings) async throws -> String
}

extension TargetChange {
    func run() async throws {
        print(try await change(try store.settings()))
    }
}
