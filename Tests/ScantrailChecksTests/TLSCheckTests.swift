import NIOSSL
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import Testing

@Suite("TLS configuration, judged from raw handshakes inside a scan")
struct TLSCheckTests {
    func outcomes(minimumVersion: TLSVersion) async throws -> [Outcome] {
        var tls = try await TestCertificate.serverConfiguration()
        tls.minimumTLSVersion = minimumVersion
        return try await LocalHTTPServer.withRunning(CheckHarness.router(), tls: tls) { port in
            try await CheckHarness.outcomes(of: TLSCheck(), at: "https://127.0.0.1:\(port)/")
        }
    }

    @Test("an HTTPS server with TLS 1.2 and 1.3 only passes every TLS rule, each with its evidence")
    func hardenedServer() async throws {
        let outcomes = try await outcomes(minimumVersion: .tlsv12)
        #expect(Set(outcomes.map(\.ruleID)) == Set(TLSCheck.metadata.rules.map(\.id)))
        for outcome in outcomes {
            #expect(outcome.status == .passed, "\(outcome.ruleID): \(outcome.detail)")
        }
        let sslv3 = try #require(outcomes.first { $0.ruleID == "tls.protocol.sslv3" })
        #expect(sslv3.detail.hasPrefix("SSLv3 rejected"))
    }

    @Test("swift-nio-ssl's default server settings still accept TLS 1.0 and 1.1, and that fails")
    func defaultServer() async throws {
        let outcomes = try await outcomes(minimumVersion: .tlsv1)
        let failed = outcomes.filter { $0.status == .failed }
        #expect(Set(failed.map(\.ruleID)) == ["tls.protocol.tls10", "tls.protocol.tls11"])
        #expect(failed.allSatisfy { $0.detail.contains("accepted") })
    }

    @Test("a cleartext target has no TLS outcomes; an HTTPS port with nothing listening is inconclusive")
    func noTLS() async throws {
        let cleartext = try await CheckHarness.outcomes(of: TLSCheck(), servedBy: CheckHarness.router())
        #expect(cleartext.isEmpty)
        let closed = try await ClosedPort.withReserved { port in
            try await CheckHarness.outcomes(of: TLSCheck(), at: "https://127.0.0.1:\(port)/")
        }
        #expect(!closed.isEmpty && closed.allSatisfy { $0.status == .inconclusive })
    }
}
