import ArgumentParser
import Foundation
import ScantrailReports

extension ViewFormat: ExpressibleByArgument {}

/// Where and how a view (TLS probe, inventory) is written.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: \(ViewFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ViewFormat = .text

    @Option(name: [.short, .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(name: [.short, .long], help: "No progress on standard error.")
    var quiet = false

    func validate() throws {
        if let output {
            let directory = URL(fileURLWithPath: output).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw ValidationError("cannot write --output \(output): folder \(directory) does not exist")
            }
        }
    }

    /// Writes the view to `--output`, or to standard output.
    ///
    /// - Throws: `ExitStatus.usage` when the file cannot be written (said on standard error).
    func write(_ report: Data) throws {
        guard let path = output else {
            FileHandle.standardOutput.write(report)
            return
        }
        do {
            try report.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            StandardError.write("scantrail: cannot write report to \(path): \(error.localizedDescription)")
            throw ExitStatus.usage
        }
        if !quiet {
            StandardError.write("scantrail: report written to \(path)")
        }
    }
}
