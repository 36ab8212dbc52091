import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailReports

/// Runs a prepared scan for a command: shows progress, turns Ctrl-C into a partial report,
/// records it, and writes the reports.
struct ScanRunner {
    let reports: ReportOptions

    /// Runs `session`, records the result and writes the reports — from the trail's view when
    /// recorded; without it, and before the error, when the store fails; a partial scan too.
    ///
    /// - Throws: ``AppError`` when the scan could not run, was interrupted before it started, or
    ///   could not be recorded (the reports are written first).
    func run(_ session: ScanSession) async throws -> RecordedScan {
        let progress = ProgressPrinter(enabled: !reports.quiet)
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
        let recorded: RecordedScan
        do {
            recorded = try await session.record(result)
        } catch {
            try reports.write(session.reportInput(for: result, recorded: nil))
            throw error
        }
        try reports.write(session.reportInput(for: result, recorded: recorded))
        return recorded
    }
}
