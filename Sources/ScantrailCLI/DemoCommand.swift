import ArgumentParser
import Foundation
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import ScantrailOpenAPI

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

    @Flag(
        help: """
            Scan the accounts API instead: its OpenAPI description and three identities (alice, bob, root) drive             the authentication, JWT, BOLA/BFLA, rate-limit and inventory checks (active mode: it is in-process).
            """)
    var accounts = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        if accounts { return try await runAccounts() }
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

    /// The accounts API (flawed, or hardened), scanned with its own description and identities.
    private func runAccounts() async throws {
        let profile: AccountsAPI.Profile = hardened ? .hardened : .flawed
        try await LocalHTTPServer.withRunning(AccountsAPI.router(profile)) { port in
            if !output.quiet {
                StandardError.write(
                    "scantrail: accounts API (\(hardened ? "hardened" : "with planted flaws")) on http://127.0.0.1:\(port)/"
                )
            }
            let target = ScanTarget(scheme: "http", host: "127.0.0.1", port: port)
            let checks = CheckRegistry.all + CheckRegistry.apiChecks(try await AccountsAPI.apiUnderTest(profile))
            let result = try await ScanRunner(output: output).run(
                target, checks: checks, configuration: ScanConfiguration(active: true))
            if result.completion.reason == "cancelled" {
                throw ExitStatus.interrupted
            }
        }
    }
}
