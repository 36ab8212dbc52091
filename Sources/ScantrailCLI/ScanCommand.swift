import ArgumentParser
import ScantrailChecks
import ScantrailCore

/// `scantrail scan URL`: scan an API and report.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan an HTTP API from the outside and report findings.",
        discussion: """
            Exit status: 0 no finding at or above --fail-on; 1 findings at or above it; 2 bad usage or input; \
            3 the target could not be reached or the scan hit its deadline; 130 interrupted (partial report written).
            """
    )

    @Argument(help: "Base URL of the API, e.g. https://api.example.com or http://127.0.0.1:8080.")
    var url: String

    @OptionGroup var scan: ScanOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Exit 1 when a finding is at or above this severity: critical, high, medium, low or none.")
    var failOn: FailThreshold = .high

    func run() async throws {
        let target: ScanTarget
        do {
            target = try ScanTarget(parsing: url)
        } catch {
            throw InputError(description: error.description)
        }
        let known = CheckRegistry.all.map { type(of: $0).metadata.id }
        let result = try await ScanRunner(output: output).run(
            target, configuration: scan.configuration(knownChecks: known))
        if failOn.isCrossed(by: result) {
            throw ExitStatus.findings
        }
        if !result.completion.isComplete {
            throw ExitStatus.scanFailed
        }
    }
}
