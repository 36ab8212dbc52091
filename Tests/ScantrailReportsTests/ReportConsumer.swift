import Foundation
import ScantrailReports
import ScantrailTestSupport

/// Hands a rendered report to the tool its consumers use (Validators/validate.py) and returns what
/// it printed.
enum ReportConsumer {
    /// Writes `input` as `format` to a temporary file and runs the validator on it.
    static func read(_ format: ReportFormat, _ input: ReportInput) async throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "report-\(UUID().uuidString).\(format.fileExtension)")
        defer { try? FileManager.default.removeItem(at: file) }
        try ReportRenderer().render(format, input).write(to: file)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Validators/validate.py")
        let (status, output) = try await Subprocess.run(["python3", script.path, format.rawValue, file.path])
        return status == 0 ? output : "validator failed (\(status)): \(output)"
    }
}
