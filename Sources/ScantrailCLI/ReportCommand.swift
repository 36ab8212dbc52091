import ArgumentParser
import Foundation
import ScantrailApp
import ScantrailReports

/// What `scantrail report` renders: a recorded scan in a format, or the period-wide SOC 2 report.
enum ReportKind: ExpressibleByArgument {
    case scan(ReportFormat)
    case soc2

    init?(argument: String) {
        if argument == "soc2" {
            self = .soc2
        } else if let format = ReportFormat(rawValue: argument) {
            self = .scan(format)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { ReportFormat.allCases.map(\.rawValue) + ["soc2"] }
}

extension ReadinessFormat: ExpressibleByArgument {}

/// `scantrail report FORMAT --scan ID` and `scantrail report soc2 --target T --from D1 --to D2`.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render a recorded scan in any format, or a target's SOC 2 readiness report for a period.",
        discussion: """
            FORMAT --scan ID renders the result as recorded, with what the trail knows of its findings now \
            (status, SLA, first seen, fixed at); --openapi FILE locates SARIF results at the description's lines. \
            'soc2 --target URL --from D1 --to D2' reports, per Trust Services criterion, the checks that ran, \
            their passes and failures, open findings with SLA state and fixes with their proof; the API security \
            checklist, each item verified by the trail or attested in --attestations FILE (else a gap); and the \
            stretches without a scan longer than --cadence-days.
            """
    )

    @Argument(help: "\(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")), or soc2.")
    var kind: ReportKind

    @Option(help: ArgumentHelp("The recorded scan (number or id).", valueName: "scan"))
    var scan: String?

    @Option(help: ArgumentHelp("The description file the scan used, for SARIF locations.", valueName: "file"))
    var openapi: String?

    @Option(help: "soc2: the target's base URL.")
    var target: String?

    @Option(help: ArgumentHelp("soc2: first day of the period.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("soc2: last day of the period, included.", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("soc2: the attestation file (YAML).", valueName: "file"))
    var attestations: String?

    @Option(help: "soc2: longest expected stretch between two scans, in days.")
    var cadenceDays = 7

    @Option(help: "soc2: markdown, html or json.")
    var format: ReadinessFormat = .markdown

    @Option(
        name: [.short, .long], help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @OptionGroup var store: StoreOptions

    func validate() throws {
        switch kind {
        case .scan:
            if scan == nil { throw ValidationError("--scan is required") }
        case .soc2:
            if target == nil || from == nil || to == nil {
                throw ValidationError("soc2 needs --target, --from and --to")
            }
            if cadenceDays < 1 { throw ValidationError("--cadence-days must be at least 1") }
        }
    }

    func run() async throws {
        let settings = try store.settings()
        switch kind {
        case .scan(let format):
            let input = try await RecordedReports.input(scan: scan ?? "", description: openapi, settings: settings)
            if let output {
                try ReportDestination(format: format, path: output).write(input)
            } else {
                FileHandle.standardOutput.write(try ReportRenderer().render(format, input))
            }
        case .soc2:
            let report = try await ReadinessAssessment.report(
                target: target ?? "", period: try ReportPeriod(from: from ?? "", to: to ?? ""),
                attestations: attestations, cadenceDays: cadenceDays, settings: settings)
            let data = try format.render(report)
            if let output {
                try ReportDestination.save(data, to: output)
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}
