import ArgumentParser
import ScantrailApp

/// The process exit codes, as documented in the README.
public enum ExitStatus {
    /// Nothing at or above the `--fail-on` threshold.
    public static let clean = ExitCode(0)
    /// Findings at or above the threshold.
    public static let findings = ExitCode(1)
    /// Bad usage or input: unknown option, malformed URL, unsupported scheme, unreadable file.
    public static let usage = ExitCode(2)
    /// The scan could not run (target unreachable) or could not finish (deadline reached).
    public static let scanFailed = ExitCode(3)
    /// The evidence store cannot be opened or written.
    public static let storeUnavailable = ExitCode(4)
    /// The ticket tracker could not be used (token refused, rate limit, unreachable).
    public static let trackerUnavailable = ExitCode(5)
    /// Interrupted by Ctrl-C; a partial report was still written.
    public static let interrupted = ExitCode(130)

    /// Throws the exit code `verdict` calls for; returns for a clean scan.
    static func check(_ verdict: ScanVerdict) throws {
        switch verdict {
        case .clean: return
        case .failing: throw findings
        case .incomplete: throw scanFailed
        case .interrupted: throw interrupted
        }
    }

    /// The exit code for `error`, with the line that tells it on standard error.
    static func report(_ error: AppError) -> Int32 {
        switch error.kind {
        case .invalidRequest, .notFound:
            let text = error.setting.map { "--\($0.rawValue) \(error.problem)" } ?? error.description
            StandardError.write("scantrail: error: \(text)")
            return usage.rawValue
        case .storeUnavailable:
            StandardError.write("scantrail: \(error)")
            return storeUnavailable.rawValue
        case .scanFailed:
            StandardError.write("scantrail: \(error)")
            return scanFailed.rawValue
        case .cancelled:
            StandardError.write("scantrail: interrupted before the scan started; no report written")
            return interrupted.rawValue
        }
    }
}
