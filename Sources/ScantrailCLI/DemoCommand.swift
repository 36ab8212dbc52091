import ArgumentParser
import ScantrailCore
import ScantrailDemo

/// `scantrail demo`: scan a deliberately misconfigured API started in-process.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a deliberately misconfigured API on 127.0.0.1 and scan it.",
        discussion: """
            No outside target is needed: the API runs inside this process on a free port and stops afterwards. \
            The demo records nothing in the evidence store.
            """
    )

    @Flag(help: "Scan the hardened twin of the demo API instead (expect no findings from the header checks).")
    var hardened = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let profile: DemoAPI.Profile = hardened ? .hardened : .misconfigured
        try await LocalHTTPServer.withRunning(DemoAPI.router(profile)) { port in
            if !output.quiet {
                StandardError.write(
                    "scantrail: demo API (\(hardened ? "hardened" : "deliberately misconfigured")) on http://127.0.0.1:\(port)/"
                )
            }
            let target = ScanTarget(scheme: "http", host: "127.0.0.1", port: port)
            let result = try await ScanRunner(output: output).run(target, configuration: ScanConfiguration())
            if result.completion.reason == "cancelled" {
                throw ExitStatus.interrupted
            }
        }
    }
}
