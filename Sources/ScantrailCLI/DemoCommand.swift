import ArgumentParser
import Foundation
import ScantrailApp
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

    @Flag(
        help: """
            Scan the accounts API instead: its OpenAPI description and three identities (alice, bob, root) drive \
            the authentication, JWT, BOLA/BFLA (reads, and writes that put back what the owner read), rate-limit \
            and inventory checks (active mode: it is in-process).
            """)
    var accounts = false

    @Flag(
        help: """
            Scan the wallet API instead: ES256 tokens verified with a published JWKS, where forged tokens \
            (alg confusion, a sample HMAC key, a kid naming /dev/null) each get through one operation.
            """)
    var wallet = false

    @Flag(
        help: """
            Scan the catalogue API instead: a real SQLite database behind parameters pasted into SQL, and a \
            sign-in and password reset that tell unknown accounts apart.
            """)
    var catalogue = false

    @Flag(
        help: """
            Scan the tools API instead: an avatar and a link preview fetched from any URL (SSRF, proven by the \
            scan's callback listener), a ping diagnostic pasted into a shell command line, and an email pattern \
            that backtracks exponentially (ReDoS).
            """)
    var tools = false

    @Flag(
        help: """
            Scan the board API instead: members' notes and an administrator's catalogue, where the scan creates \
            its own objects and has another member read, change and delete them (BOLA), and a member delete the \
            administrator's item (BFLA); everything it creates is removed again.
            """)
    var board = false

    @OptionGroup var output: ReportOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let chosen: [(Bool, DescribedAPI)] = [
            (accounts, .accounts), (wallet, .wallet), (catalogue, .catalogue), (tools, .tools),
            (board, .board),
        ]
        if let described = chosen.first(where: \.0)?.1 {
            try await described.withRunning(hardened: hardened) { port, inventory, identities in
                announce("\(described.name) (\(hardened ? "hardened" : "with planted flaws"))", port: port)
                var settings = ScanSettings()
                settings.active = true
                try await scan(
                    ScanRequest(
                        target: ScanTarget(scheme: "http", host: "127.0.0.1", port: port),
                        description: .imported(inventory, source: "openapi.json"),
                        identities: identities.map(IdentitySource.given), settings: settings))
            }
        } else {
            let profile: DemoAPI.Profile = hardened ? .hardened : .misconfigured
            try await LocalHTTPServer.withRunning(DemoAPI.router(profile)) { port in
                announce("demo API (\(hardened ? "hardened" : "deliberately misconfigured"))", port: port)
                try await scan(
                    ScanRequest(target: ScanTarget(scheme: "http", host: "127.0.0.1", port: port), description: .none))
            }
        }
    }

    private func announce(_ api: String, port: Int) {
        if !output.quiet { StandardError.write("scantrail: \(api) on http://127.0.0.1:\(port)/") }
    }

    /// Scans, writes the report and records nothing; only an interruption changes the exit status.
    private func scan(_ request: ScanRequest) async throws {
        var request = request
        request.logger = logging.logger()
        let verdict = try await ScanSession.withSession(request) { session in
            try await ScanRunner(reports: output).run(session).verdict
        }
        if verdict == .interrupted { throw ExitStatus.interrupted }
    }
}
