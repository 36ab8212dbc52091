import ArgumentParser
import Foundation
import ScantrailChecks
import ScantrailCore
import ScantrailHTTP
import ScantrailReports

/// Runs one scan for a command: wires the engine to the HTTP probe, shows progress, handles
/// Ctrl-C, writes the report and decides the exit status.
struct ScanRunner {
    let output: OutputOptions

    /// Scans `target` and writes the report — a partial one too, when Ctrl-C stopped the scan.
    ///
    /// - Returns: The scan's result, for the caller to record and decide the exit status on.
    /// - Throws: `ExitCode` when the scan could not run or was interrupted before it started.
    func run(_ target: ScanTarget, checks: [any SecurityCheck] = CheckRegistry.all, configuration: ScanConfiguration)
        async throws -> ScanResult
    {
        let progress = ProgressPrinter(enabled: !output.quiet)
        let scan = Task {
            try await HTTPClientProbe.withProbe(configuration: configuration) { probe in
                try await ScanEngine(checks: checks, configuration: configuration, http: probe)
                    .run(target, onEvent: progress.handle)
            }
        }
        let interrupt = InterruptHandler { scan.cancel() }
        defer { interrupt.stop() }
        let result: ScanResult
        do {
            result = try await scan.value
        } catch let error as ScanError {
            progress.finish()
            StandardError.write("scantrail: \(error)")
            throw ExitStatus.scanFailed
        } catch is CancellationError {
            progress.finish()
            StandardError.write("scantrail: interrupted before the scan started; no report written")
            throw ExitStatus.interrupted
        }
        progress.finish()
        try write(result)
        return result
    }

    private func write(_ result: ScanResult) throws {
        let data: Data
        switch output.format {
        case .json: data = try JSONReportRenderer().render(result)
        case .text: data = Data(TextReportRenderer().render(result).utf8)
        }
        try output.write(data)
    }
}
