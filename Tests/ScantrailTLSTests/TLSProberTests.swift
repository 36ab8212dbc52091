import Foundation
import ScantrailTLS
import ScantrailTestSupport
import Testing

@Suite("The TLS prober finds exactly what openssl s_client can negotiate")
struct TLSProberTests {
    func probe(_ port: Int) async throws -> TLSScanResult {
        var settings = TLSProbeSettings()
        settings.timeoutSeconds = 10
        return try await TLSProber(
            target: TLSProbeTarget(host: "127.0.0.1", port: port, serverName: "localhost"), settings: settings
        )
        .scan()
    }

    /// Asks s_client about every suite either side names: each one Scantrail reports must
    /// connect, and each one the server was configured with must be among Scantrail's.
    func confirmTLS12Suites(_ reported: [String], expected: Set<String>, port: Int) async throws {
        #expect(Set(reported) == expected)
        for name in Set(reported).union(expected) {
            let openSSLName = try await OpenSSL.run(["ciphers", "-convert", name]).1
                .replacingOccurrences(of: "OpenSSL cipher name: ", with: "").trimmingCharacters(
                    in: .whitespacesAndNewlines)
            let connects = try await OpenSSL.clientConnects(
                port: port, ["-tls1_2", "-cipher", "\(openSSLName):@SECLEVEL=0"])
            #expect(connects, "s_client could not negotiate \(name)")
        }
    }

    @Test("a TLS 1.2-only server with ECDHE AES-GCM accepts exactly those two suites and nothing else")
    func tls12AEADOnly() async throws {
        try await OpenSSL.withServer(["-tls1_2", "-cipher", "ECDHE+AESGCM"]) { port in
            let result = try await probe(port)
            #expect(result.support(for: .tls12)?.status == .accepted, "\(result.support(for: .tls12)?.reason ?? "")")
            for version in [TLSVersion.sslv3, .tls10, .tls11, .tls13] {
                #expect(
                    result.support(for: version)?.status == .rejected,
                    "\(version): \(result.support(for: version)?.reason ?? "")")
            }
            try await confirmTLS12Suites(
                result.support(for: .tls12)?.suites ?? [],
                expected: ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"],
                port: port)
            #expect(result.secureRenegotiation.verdict == .yes)
            #expect(result.compression.verdict == .no)
            #expect(result.fallbackSCSV.verdict == .notApplicable)
            #expect(result.certificateChain.count == 1)
            let leaf = try #require(result.chain?.chain.first, "\(result.certificateError ?? "")")
            #expect(leaf.subject == "CN=localhost" && leaf.isSelfIssued)
            #expect(leaf.dnsNames == ["localhost"] && leaf.ipAddresses == ["127.0.0.1"])
            #expect(leaf.publicKey == "RSA2048" && leaf.signatureAlgorithm == "sha256WithRSAEncryption")
            #expect(leaf.notAfter.timeIntervalSince(leaf.notBefore) == 2 * 86_400)
            #expect(result.groups.contains("x25519") && result.groups.contains("secp256r1"))
        }
    }

    @Test("a TLS 1.3-only server accepts its three suites, reached through its groups")
    func tls13Only() async throws {
        try await OpenSSL.withServer(["-tls1_3"]) { port in
            let result = try await probe(port)
            #expect(result.support(for: .tls12)?.status == .rejected)
            let tls13 = try #require(result.support(for: .tls13))
            #expect(tls13.status == .accepted)
            #expect(
                Set(tls13.suites)
                    == ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"])
            #expect(result.groups.first == "x25519")
            #expect(
                result.groups.contains("ffdhe2048"),
                "a group without our key share is found through a HelloRetryRequest")
        }
    }

    /// Debian's OpenSSL has no 3DES, RC4 or export suites left to serve, so the legacy server
    /// offers what it still has: anonymous DH, Camellia and static-RSA CBC suites.
    @Test("a legacy server accepts TLS 1.0 and 1.1 with anonymous, Camellia and static-RSA CBC suites")
    func legacy() async throws {
        let cipher = "CAMELLIA256-SHA:AES128-SHA:ECDHE-RSA-AES256-SHA:ADH-CAMELLIA128-SHA:@SECLEVEL=0"
        try await OpenSSL.withServer(["-cipher", cipher, "-min_protocol", "TLSv1", "-max_protocol", "TLSv1.2"]) {
            port in
            let result = try await probe(port)
            let expected: Set = [
                "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA",
                "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA",
            ]
            for version in [TLSVersion.tls10, .tls11] {
                let support = try #require(result.support(for: version))
                #expect(support.status == .accepted, "\(version): \(support.reason)")
                #expect(Set(support.suites) == expected, "\(version)")
            }
            try await confirmTLS12Suites(result.support(for: .tls12)?.suites ?? [], expected: expected, port: port)
            #expect(result.support(for: .tls13)?.status == .rejected)
            #expect(result.fallbackSCSV.verdict == .yes)
        }
    }

    @Test("a closed port makes the probe fail as unreachable, not report protocols as rejected")
    func closedPort() async throws {
        try await ClosedPort.withReserved { port in
            await #expect(throws: TLSProbeError.self) { try await probe(port) }
        }
    }

    @Test("a port that speaks another protocol is inconclusive on every version, never rejected, and says so")
    func notTLS() async throws {
        try await ScriptedServer.withRunning(greeting: "SSH-2.0-OpenSSH_9.2\r\n", reply: { _ in .keepOpen("") }) {
            _, port in
            let result = try await probe(port)
            for support in result.protocols {
                #expect(support.status == .inconclusive, "\(support.name): \(support.reason)")
                #expect(support.reason.hasPrefix("the reply is not TLS"))
            }
            #expect(result.nonTLSReply == "the reply is not TLS: it begins \"SSH-2.0-OpenSSH_9.2\"")
        }
    }

    @Test("a TLS server is never taken for a plaintext service, not even by the versions it refuses")
    func speaksTLS() async throws {
        try await TestPKI.withServer(presenting: [try TestPKI.selfSigned(name: "localhost")]) { port in
            let result = try await probe(port)
            #expect(result.nonTLSReply == nil)
        }
    }
}
