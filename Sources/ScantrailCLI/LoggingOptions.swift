import ArgumentParser
import Logging

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// `--verbose` and `--log-level`: diagnostics on standard error, beside the progress.
struct LoggingOptions: ParsableArguments {
    @Flag(name: [.short, .long], help: "Diagnostics on standard error: each check as it ends (--log-level debug).")
    var verbose = false

    @Option(
        help: ArgumentHelp(
            "Diagnostics from this level on: trace (every request, URLs redacted), debug, info, notice, warning, error, critical.",
            valueName: "level"))
    var logLevel: Logger.Level?

    /// The logger the options ask for, writing to standard error; one that drops everything
    /// when neither option is given.
    func logger() -> Logger {
        guard let level = logLevel ?? (verbose ? .debug : nil) else {
            return Logger(label: "scantrail", factory: { _ in SwiftLogNoOpLogHandler() })
        }
        var logger = Logger(label: "scantrail", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = level
        return logger
    }
}
