import ArgumentParser

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
    /// Interrupted by Ctrl-C; a partial report was still written.
    public static let interrupted = ExitCode(130)
}
