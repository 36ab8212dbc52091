import Foundation
import ScantrailCore

/// Writes diagnostics and progress to standard error, which keeps standard output for reports.
enum StandardError {
    /// Whether standard error is a terminal.
    static let isTerminal = isatty(STDERR_FILENO) == 1

    /// Writes `line` and a newline, its control characters escaped: a diagnostic may quote
    /// what a target sent (a description's keys, an error's words).
    static func write(_ line: String) {
        writeRaw(DisplayText.escaped(line, keepingLayout: true) + "\n")
    }

    /// Writes `text` as is.
    static func writeRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
