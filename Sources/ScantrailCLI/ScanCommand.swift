import ArgumentParser
import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailMonitor

/// `scantrail scan URL`: scan an API and report.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan an HTTP API from the outside and report findings.",
        discussion: """
            Exit status: 0 no finding at or above --fail-on; 1 findings at or above it; 2 bad usage or input; \
            3 the target could not be reached or the scan hit its deadline; 4 the evidence store cannot be \
            opened or written (found before the scan starts); 130 interrupted (partial report written).
            """
    )

    @Argument(help: "Base URL of the API, e.g. https://api.example.com or http://127.0.0.1:8080.")
    var url: String

    @OptionGroup var scan: ScanOptions
    @OptionGroup var api: APIOptions
    @OptionGroup var output: ReportOptions

    @Option(help: "Exit 1 when a finding is at or above this severity: critical, high, medium, low or none.")
    var failOn: FailThreshold = .high

    @OptionGroup var store: StoreOptions
    @OptionGroup var logging: LoggingOptions

    @Flag(help: "Do not record this scan in the evidence store.")
    var noStore = false

    @Option(
        help: ArgumentHelp(
            "Fail only on findings not already failing in this recorded scan (number or id).", valueName: "scan"))
    var baseline: String?

    func validate() throws {
        if noStore && baseline != nil {
            throw ValidationError("--baseline needs the evidence store; drop --no-store")
        }
    }

    func run() async throws {
        let storeSettings = try store.settings()
        let target = try ScanTarget(parsing: url)
        let request = ScanRequest(
            target: target, description: try api.description(),
            identities: try api.identitySources(config: storeSettings.configuration),
            settings: scan.settings(api: api, scheme: target.scheme, config: storeSettings.configuration),
            store: noStore ? nil : storeSettings, baseline: baseline, failOn: failOn, logger: logging.logger())
        // Read before the scan, so that a tracker entry that cannot be used costs no scan.
        let tickets =
            noStore
            ? nil
            : try TicketSync(
                configuration: storeSettings.configuration, environment: ProcessInfo.processInfo.environment)
        let verdict = try await ScanSession.withSession(request, onNotice: NoticePrinter(quiet: output.quiet).show) {
            session in
            let recorded = try await ScanRunner(reports: output).run(session)
            if let record = recorded.record, !output.quiet {
                let counts = record.counts
                StandardError.write(
                    "scantrail: recorded as scan #\(record.sequence) (\(record.id.prefix(8))) in \(storeSettings.location): "
                        + "\(counts.new) new, \(counts.fixed) fixed, \(counts.reopened) reopened")
                if recorded.excluded > 0 {
                    StandardError.write(
                        "scantrail: \(recorded.excluded) findings are accepted or in the baseline and do not count toward --fail-on"
                    )
                }
            }
            return recorded.verdict
        }
        if let tickets {
            // The scan's verdict stands whatever the tracker says; a sync that stops is carried on by the next.
            let report = try await storeSettings.withStore { try await tickets.run(in: $0) }
            for action in report.actions { StandardError.write("scantrail: ticket \(action)") }
            if let stopped = report.stopped { StandardError.write("scantrail: tickets sync stopped: \(stopped)") }
        }
        try ExitStatus.check(verdict)
    }
}
