import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailReports

/// Runs a prepared scan for a command: shows progress, turns Ctrl-C into a partial report,
/// and writes the report.
struct ScanRunner {
    let output: OutputOptions

    /// Runs `session` and writes the report — a partial one too, when Ctrl-C stopped the scan.
    ///
    /// - Returns: The scan's result, for the caller to record.
    /// - Throws: ``AppError`` when the scan could not run or was interrupted before it started.
    func run(_ session: ScanSession) async throws -> ScanResult {
        let progress = ProgressPrinter(enabled: !output.quiet)
        let scan = Task { try await session.run(onEvent: progress.handle) }
        let interrupt = InterruptHandler { scan.cancel() }
        defer { interrupt.stop() }
        let result: ScanResult
        do {
            result = try await scan.value
        } catch {
            progress.finish()
            throw error
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
