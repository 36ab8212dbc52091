import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import ScantrailTestSupport
import Testing

@Suite("HTTPS enforcement and HSTS, judged against real HTTP and HTTPS servers")
struct TransportSecurityCheckTests {
    let check = TransportSecurityCheck()
    let cleartext = "transport.cleartext-http"
    let hstsMissing = "transport.hsts-missing"
    let hstsWeak = "transport.hsts-weak"

    /// Runs `body` with an HTTPS server for `router` on 127.0.0.1.
    func withHTTPS<Result: Sendable>(
        _ router: Router<BasicRequestContext>,
        _ body: (Int) async throws -> Result
    ) async throws -> Result {
        try await LocalHTTPServer.withRunning(router, tls: try TestPKI.selfSignedServerConfiguration(), body)
    }

    @Test("a cleartext API fails, and HSTS cannot be judged without an HTTPS response")
    func cleartextAPI() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: DemoAPI.router(.misconfigured))
        #expect(outcomes.statuses == [cleartext: .failed, hstsMissing: .inconclusive])
    }

    @Test("cleartext that redirects to a hardened HTTPS API gives zero findings")
    func redirectToHardenedHTTPS() async throws {
        let outcomes = try await withHTTPS(DemoAPI.router(.hardened)) { httpsPort in
            let redirect = CheckHarness.router(
                status: .movedPermanently, headers: [.location: "https://127.0.0.1:\(httpsPort)/"])
            return try await CheckHarness.outcomes(of: check, servedBy: redirect)
        }
        #expect(outcomes.statuses == [cleartext: .passed, hstsMissing: .passed, hstsWeak: .passed])
    }

    @Test("an HTTPS API whose cleartext twin serves content, without HSTS, fails both")
    func httpsWithCleartextTwin() async throws {
        let outcomes = try await withHTTPS(DemoAPI.router(.misconfigured)) { httpsPort in
            try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { httpPort in
                try await CheckHarness.outcomes(
                    of: check, at: "https://127.0.0.1:\(httpsPort)/",
                    configuration: ScanConfiguration(cleartextPort: httpPort)
                )
            }
        }
        #expect(outcomes.statuses == [cleartext: .failed, hstsMissing: .failed])
    }

    @Test("a closed cleartext port passes: nothing to downgrade to")
    func closedCleartextPort() async throws {
        let outcomes = try await ClosedPort.withReserved { closedPort in
            try await withHTTPS(DemoAPI.router(.hardened)) { httpsPort in
                try await CheckHarness.outcomes(
                    of: check, at: "https://127.0.0.1:\(httpsPort)/",
                    configuration: ScanConfiguration(cleartextPort: closedPort)
                )
            }
        }
        #expect(outcomes.statuses == [cleartext: .passed, hstsMissing: .passed, hstsWeak: .passed])
        #expect(outcomes.first?.detail.contains("connection refused") == true)
    }

    @Test(
        "HSTS shorter than 180 days or without includeSubDomains is weak",
        arguments: [
            ("max-age=600; includeSubDomains", Outcome.Status.failed),
            ("max-age=31536000", .failed),
            ("max-age=0", .failed),
            ("max-age=\"15552000\"; includeSubDomains; preload", .passed),
        ]
    )
    func weakHSTS(value: String, expected: Outcome.Status) async throws {
        let router = CheckHarness.router(headers: [.strictTransportSecurity: value])
        let outcomes = try await withHTTPS(router) { httpsPort in
            try await CheckHarness.outcomes(of: check, at: "https://127.0.0.1:\(httpsPort)/")
        }
        #expect(outcomes.statuses[hstsMissing] == .passed)
        #expect(outcomes.statuses[hstsWeak] == expected)
    }

    @Test("the cleartext side of an HTTPS API on an unusual port is inconclusive, naming the option to give")
    func unknownCleartextPort() async throws {
        let outcomes = try await withHTTPS(DemoAPI.router(.hardened)) { httpsPort in
            try await CheckHarness.outcomes(of: check, at: "https://127.0.0.1:\(httpsPort)/")
        }
        let outcome = try #require(outcomes.first { $0.ruleID == cleartext })
        #expect(outcome.status == .inconclusive)
        #expect(outcome.detail.contains("--http-port"))
    }
}
