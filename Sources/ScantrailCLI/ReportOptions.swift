import ArgumentParser
import Foundation
import ScantrailApp
import ScantrailReports

extension ReportFormat: ExpressibleByArgument {}

/// Which scan reports are written, and where.
struct ReportOptions: ParsableArguments {
    @Option(help: "Report format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReportFormat = .text

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "Write the report to FILE instead of standard output; NAME=FILE writes format NAME there. Repeatable: -o scan.json -o sarif=scan.sarif.",
            valueName: "[NAME=]FILE"))
    var output: [String] = []

    @Flag(name: [.short, .long], help: "No progress on standard error.")
    var quiet = false

    func validate() throws {
        do {
            _ = try ReportDestination.parse(output, format: format)
        } catch let error as AppError {
            throw ValidationError("--output \(error.problem)")
        }
    }

    /// Writes every report asked for: the files, and `--format` on standard output unless a
    /// plain `-o FILE` took it.
    func write(_ input: ReportInput) throws {
        let (destinations, standardOutput) = try ReportDestination.parse(output, format: format)
        if standardOutput {
            FileHandle.standardOutput.write(try ReportRenderer().render(format, input))
        }
        for destination in destinations {
            try destination.write(input)
            if !quiet {
                StandardError.write("scantrail: \(destination.format.rawValue) report written to \(destination.path)")
            }
        }
    }
}
