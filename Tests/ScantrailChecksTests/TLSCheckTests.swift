import Foundation
import ScantrailChecks
import ScantrailCore
import ScantrailTestSupport
import Testing

@Suite("TLS configuration and certificate, judged from raw handshakes inside a scan")
struct TLSCheckTests {
    /// Scans a server presenting `chain`, trusting `root` through --ca-file.
    func outcomes(
        presenting chain: [TestPKI.Issued], trusting root: TestPKI.Issued,
        versions: TestPKI.ServerVersions = .tls12AndUp, hsts: String? = "max-age=31536000"
    ) async throws -> [Outcome] {
        let caFile = try TestPKI.writeBundle([root])
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        return try await TestPKI.withServer(presenting: chain, versions: versions, hsts: hsts) { port in
            try await CheckHarness.outcomes(
                of: TLSCheck(), at: "https://127.0.0.1:\(port)/", configuration: ScanConfiguration(caFile: caFile))
        }
    }

    /// A leaf for 127.0.0.1 under a fresh root, and the root.
    func trustedLeaf(validFor days: Double = 365) throws -> (leaf: TestPKI.Issued, root: TestPKI.Issued) {
        let root = try TestPKI.root()
        let now = Date()
        let leaf = try root.issue(
            name: "127.0.0.1", ipAddresses: ["127.0.0.1"],
            validity: now.addingTimeInterval(-86_400)...now.addingTimeInterval(days * 86_400))
        return (leaf, root)
    }

    @Test("TLS 1.2+ with a trusted, valid certificate and HSTS passes every rule and grades A+")
    func hardenedServer() async throws {
        let (leaf, root) = try trustedLeaf()
        let outcomes = try await outcomes(presenting: [leaf], trusting: root)
        #expect(Set(outcomes.map(\.ruleID)) == Set(TLSCheck.metadata.rules.map(\.id)))
        for outcome in outcomes {
            #expect(outcome.status == .passed, "\(outcome.ruleID): \(outcome.detail)")
        }
        let sslv3 = try #require(outcomes.first { $0.ruleID == "tls.protocol.sslv3" })
        #expect(sslv3.detail.hasPrefix("SSLv3 rejected"))
        let grade = try #require(outcomes.first { $0.ruleID == "tls.grade" })
        #expect(grade.detail.hasPrefix("grade A+"))
    }

    @Test("swift-nio-ssl's default server settings still accept TLS 1.0 and 1.1: those fail and cap the grade at B")
    func defaultServer() async throws {
        let (leaf, root) = try trustedLeaf()
        let outcomes = try await outcomes(presenting: [leaf], trusting: root, versions: .tls10AndUp)
        let failed = outcomes.filter { $0.status == .failed }
        #expect(Set(failed.map(\.ruleID)) == ["tls.protocol.tls10", "tls.protocol.tls11", "tls.grade"])
        let grade = try #require(failed.first { $0.ruleID == "tls.grade" })
        #expect(grade.detail.hasPrefix("grade B"))
        #expect(grade.detail.contains("B: TLS 1.0 is accepted; B: TLS 1.1 is accepted"))
    }

    @Test("an expired self-signed certificate fails the certificate rules, and the grade is T")
    func expiredSelfSigned() async throws {
        let (_, root) = try trustedLeaf()
        let now = Date()
        let stale = try TestPKI.selfSigned(name: "127.0.0.1", ipAddresses: ["127.0.0.1"])
        let expired = try root.issue(
            name: "127.0.0.1", ipAddresses: ["127.0.0.1"],
            validity: now.addingTimeInterval(-90 * 86_400)...now.addingTimeInterval(-86_400))
        let selfSigned = try await outcomes(presenting: [stale], trusting: root)
        #expect(
            Set(selfSigned.filter { $0.status == .failed }.map(\.ruleID)) == [
                "cert.self-signed", "cert.untrusted", "tls.grade",
            ])
        let lapsed = try await outcomes(presenting: [expired], trusting: root)
        #expect(Set(lapsed.filter { $0.status == .failed }.map(\.ruleID)) == ["cert.expired", "tls.grade"])
        let grade = try #require(lapsed.first { $0.ruleID == "tls.grade" })
        #expect(grade.detail.hasPrefix("grade T (A+ if trust issues are ignored)"))
    }

    @Test("a certificate 12 days from expiry fails cert.expiring-soon, and nothing else")
    func expiringSoon() async throws {
        let (leaf, root) = try trustedLeaf(validFor: 12)
        let outcomes = try await outcomes(presenting: [leaf], trusting: root)
        #expect(outcomes.filter { $0.status == .failed }.map(\.ruleID) == ["cert.expiring-soon"])
    }

    /// Scans a ``LegacyTLSServer`` accepting `versions` and `suites`, presenting a trusted leaf.
    func legacyOutcomes(versions: Set<UInt16>, suites: [UInt16], sslv2: [UInt32] = []) async throws -> [Outcome] {
        let (leaf, root) = try trustedLeaf()
        var behaviour = LegacyTLSServer.Behaviour()
        behaviour.versions = versions
        behaviour.suites = suites
        behaviour.sslv2CipherKinds = sslv2
        behaviour.certificates = [leaf.der]
        let caFile = try TestPKI.writeBundle([root])
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        return try await LegacyTLSServer.withRunning(behaviour) { port in
            try await CheckHarness.outcomes(
                of: TLSCheck(), at: "https://127.0.0.1:\(port)/", configuration: ScanConfiguration(caFile: caFile))
        }
    }

    @Test("an old stack without downgrade protection or secure renegotiation, that compresses, fails those rules")
    func oldStack() async throws {
        let outcomes = try await legacyOutcomes(versions: [0x0302, 0x0303], suites: [0x002F, 0x0035])
        #expect(
            Set(outcomes.filter { $0.status == .failed }.map(\.ruleID)) == [
                "tls.protocol.tls11", "tls.no-forward-secrecy", "tls.fallback-scsv-missing",
                "tls.renegotiation-insecure", "tls.compression", "tls.grade",
            ])
        let grade = try #require(outcomes.first { $0.ruleID == "tls.grade" })
        #expect(grade.detail.hasPrefix("grade C"), "\(grade.detail)")
    }

    @Test("SSLv2, RC4, 3DES, export and anonymous suites are each caught, and the grade is F")
    func brokenSuites() async throws {
        // RC4-SHA, DES-CBC3-SHA, EXP-RC4-MD5, ADH-AES128-SHA: gone from every library here.
        let outcomes = try await legacyOutcomes(
            versions: [0x0301], suites: [0x0005, 0x000A, 0x0003, 0x0034], sslv2: [0x01_0080, 0x07_00C0])
        let failed = outcomes.filter { $0.status == .failed }
        #expect(
            Set(failed.map(\.ruleID)) == [
                "tls.protocol.sslv2", "tls.protocol.tls10", "tls.protocol.no-modern", "tls.cipher.broken",
                "tls.cipher.rc4",
                "tls.cipher.3des", "tls.no-forward-secrecy", "tls.renegotiation-insecure", "tls.compression",
                "tls.grade",
            ])
        let broken = try #require(failed.first { $0.ruleID == "tls.cipher.broken" })
        #expect(broken.detail.contains("TLS_RSA_EXPORT_WITH_RC4_40_MD5"))
        #expect(broken.detail.contains("TLS_DH_anon_WITH_AES_128_CBC_SHA"))
        let grade = try #require(failed.first { $0.ruleID == "tls.grade" })
        #expect(grade.detail.hasPrefix("grade F"), "\(grade.detail)")
        #expect(grade.detail.contains("F: SSLv2 is accepted (DROWN)"))
        let sslv2 = try #require(failed.first { $0.ruleID == "tls.protocol.sslv2" })
        #expect(sslv2.detail == "SSLv2 accepted (2 cipher kinds)")
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

    @Test("an HTTPS target whose port answers in plaintext HTTP has no TLS to judge: every rule is not applicable")
    func plaintextOnTheTLSPort() async throws {
        let outcomes = try await ScriptedServer.withRunning(
            greeting: "HTTP/1.1 400 Bad Request\r\n", reply: { _ in .keepOpen("") }
        ) { _, port in
            try await CheckHarness.outcomes(of: TLSCheck(), at: "https://127.0.0.1:\(port)/")
        }
        #expect(outcomes.count == TLSCheck.metadata.rules.count)
        for outcome in outcomes {
            #expect(outcome.status == .notApplicable, "\(outcome.ruleID): \(outcome.detail)")
            #expect(
                outcome.detail.hasSuffix(
                    "does not speak TLS: the reply is not TLS: it begins \"HTTP/1.1 400 Bad Request\""))
        }
    }
}
