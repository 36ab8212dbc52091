import ArgumentParser
import Foundation
import ScantrailApp
import ScantrailReports

/// `scantrail report FORMAT --scan ID`: a recorded scan's report, rendered again from the store.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render a recorded scan's report in any format, from the evidence store.",
        discussion: """
            The report is rendered from the result as recorded, with what the trail knows of its findings \
            now (status, SLA deadline and state, first seen, fixed at). Give --openapi with the description \
            file the scan used to locate SARIF results at its operations' lines.
            """
    )

    @Argument(help: "Format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReportFormat

    @Option(help: ArgumentHelp("The recorded scan (number or id).", valueName: "scan"))
    var scan: String

    @Option(help: ArgumentHelp("The description file the scan used, for SARIF locations.", valueName: "file"))
    var openapi: String?

    @Option(
        name: [.short, .long], help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let input = try await RecordedReports.input(scan: scan, description: openapi, settings: try store.settings())
        if let output {
            try ReportDestination(format: format, path: output).write(input)
        } else {
            FileHandle.standardOutput.write(try ReportRenderer().render(format, input))
        }
    }
}
