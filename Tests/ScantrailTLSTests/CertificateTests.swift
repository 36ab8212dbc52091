import Foundation
import ScantrailTestSupport
import Testing

@testable import ScantrailTLS

/// Certificates made by the test, served by a real TLS server on 127.0.0.1, read back by the
/// prober and judged.
@Suite("Certificate chains, judged as served")
struct CertificateTests {
    /// A root and an intermediate, made once: key generation is the slow part.
    static let authority = Task<Result<(root: TestPKI.Issued, intermediate: TestPKI.Issued), any Error>, Never> {
        Result {
            let root = try TestPKI.root()
            return (root, try root.issue(name: "Scantrail Test Intermediate", isAuthority: true))
        }
    }

    /// Probes a server presenting `chain` as `localhost` at 127.0.0.1, trusting `roots`.
    func probe(
        _ chain: [TestPKI.Issued], trusting roots: [TestPKI.Issued], tls13Only: Bool = false, warningDays: Int = 30
    ) async throws -> TLSProbeReport {
        var settings = TLSProbeSettings()
        settings.caFile = try TestPKI.writeBundle(roots)
        defer { try? FileManager.default.removeItem(atPath: settings.caFile!) }
        let result = try await TestPKI.withServer(presenting: chain, versions: tls13Only ? .tls13Only : .tls12AndUp) {
            port in
            try await TLSProber(
                target: TLSProbeTarget(host: "localhost", port: port, address: "127.0.0.1"), settings: settings
            ).scan()
        }
        return TLSProbeReport(result, warningDays: warningDays)
    }

    /// The verdict of every problem, keyed by its name in the report.
    func problems(_ result: TLSProbeReport) throws -> [String: TLSScanResult.Finding.Verdict] {
        let report = try #require(result.assessment.certificates)
        return [
            "expired": report.expired.verdict, "notYetValid": report.notYetValid.verdict,
            "expiringSoon": report.expiringSoon.verdict, "hostnameMismatch": report.hostnameMismatch.verdict,
            "weakKey": report.weakKey.verdict, "weakSignature": report.weakSignature.verdict,
            "selfSigned": report.selfSigned.verdict, "incompleteChain": report.incompleteChain.verdict,
            "untrusted": report.untrusted.verdict,
        ]
    }

    /// Every problem "no" except those named.
    func only(_ present: Set<String>) -> [String: TLSScanResult.Finding.Verdict] {
        let all = [
            "expired", "notYetValid", "expiringSoon", "hostnameMismatch", "weakKey", "weakSignature", "selfSigned",
            "incompleteChain", "untrusted",
        ]
        return Dictionary(uniqueKeysWithValues: all.map { ($0, present.contains($0) ? .yes : .no) })
    }

    @Test("a leaf served with its intermediate, under a trusted root, has no problem and grades A")
    func healthyChain() async throws {
        let (root, intermediate) = try await Self.authority.value.get()
        let leaf = try intermediate.issue(name: "localhost", dnsNames: ["localhost"])
        let result = try await probe([leaf, intermediate], trusting: [root])
        #expect(try problems(result) == only([]))
        let report = try #require(result.assessment.certificates)
        #expect(report.chain.map(\.subject) == ["CN=localhost", "CN=Scantrail Test Intermediate"])
        #expect(report.untrusted.evidence.contains("CN=Scantrail Test Root"))
        #expect(result.assessment.grade.grade == .a)
        #expect(result.assessment.grade.reasons == ["A: HSTS not checked: A+ needs it (scantrail scan looks)"])
    }

    @Test("a server that leaves out the intermediate has an incomplete, untrusted chain")
    func missingIntermediate() async throws {
        let (root, intermediate) = try await Self.authority.value.get()
        let leaf = try intermediate.issue(name: "localhost", dnsNames: ["localhost"])
        let result = try await probe([leaf], trusting: [root])
        #expect(try problems(result) == only(["incompleteChain", "untrusted"]))
        #expect(
            result.assessment.certificates?.incompleteChain.evidence.contains("CN=Scantrail Test Intermediate") == true)
        #expect(result.assessment.grade.grade == .trustProblem)
    }

    @Test("expired, not yet valid and soon-expiring leaves are told apart, at the evaluation time recorded")
    func validity() async throws {
        let (root, intermediate) = try await Self.authority.value.get()
        let now = Date()
        func leaf(from start: Double, to end: Double) throws -> TestPKI.Issued {
            try intermediate.issue(
                name: "localhost", dnsNames: ["localhost"],
                validity: now.addingTimeInterval(start * 86_400)...now.addingTimeInterval(end * 86_400))
        }
        let expired = try await probe([try leaf(from: -400, to: -35), intermediate], trusting: [root])
        #expect(try problems(expired) == only(["expired"]))
        #expect(expired.assessment.grade.grade == .trustProblem)
        let early = try await probe([try leaf(from: 2, to: 300), intermediate], trusting: [root])
        #expect(try problems(early) == only(["notYetValid"]))
        let soon = try await probe([try leaf(from: -300, to: 10.5), intermediate], trusting: [root])
        #expect(try problems(soon) == only(["expiringSoon"]))
        #expect(soon.assessment.certificates?.daysLeft == 10)
        let evaluatedAt = try #require(soon.assessment.certificates?.evaluatedAt)
        #expect(abs(evaluatedAt.timeIntervalSince(now)) < 60)
        let relaxed = try await probe(
            [try leaf(from: -300, to: 10.5), intermediate], trusting: [root], warningDays: 7)
        #expect(try problems(relaxed) == only([]))
    }

    @Test("a certificate for another name is a mismatch and grades M")
    func wrongName() async throws {
        let (root, intermediate) = try await Self.authority.value.get()
        let leaf = try intermediate.issue(name: "api.example.test", dnsNames: ["api.example.test", "*.example.test"])
        let result = try await probe([leaf, intermediate], trusting: [root])
        #expect(try problems(result) == only(["hostnameMismatch"]))
        #expect(
            result.assessment.certificates?.hostnameMismatch.evidence
                == "localhost is not among api.example.test, *.example.test")
        #expect(result.assessment.grade.grade == .nameMismatch)
        #expect(result.assessment.grade.gradeIgnoringTrust == .a)
    }

    @Test("a self-signed leaf is untrusted, unless the user trusts it with --ca-file")
    func selfSigned() async throws {
        let leaf = try TestPKI.selfSigned(name: "localhost", dnsNames: ["localhost"])
        let (root, _) = try await Self.authority.value.get()
        let untrusted = try await probe([leaf], trusting: [root])
        #expect(try problems(untrusted) == only(["selfSigned", "untrusted"]))
        let pinned = try await probe([leaf], trusting: [leaf])
        #expect(try problems(pinned) == only(["selfSigned"]), "\(pinned.assessment.certificates!.untrusted.evidence)")
    }

    @Test("a 1024-bit RSA key and a SHA-1 signature are read and reported, not a parse failure")
    func weakKeyAndSignature() async throws {
        let root = try TestPKI.root(name: "Scantrail RSA Root", key: .rsa(2048))
        let leaf = try root.issue(name: "localhost", dnsNames: ["localhost"], key: .rsa(1024), sha1: true)
        let result = try await probe([leaf], trusting: [root])
        let report = try #require(result.assessment.certificates)
        #expect(report.chain.first?.publicKey == "RSA1024")
        #expect(report.chain.first?.signatureAlgorithm == "sha1WithRSAEncryption")
        #expect(report.weakKey.verdict == .yes && report.weakSignature.verdict == .yes)
        // swift-certificates will not verify keys under 2048 bits: trust is unknown, not "trusted".
        #expect(report.untrusted.verdict == .inconclusive)
        #expect(result.assessment.grade.grade == .trustProblem)
        #expect(result.assessment.grade.reasons.contains { $0.hasPrefix("B: weak key") })
    }

    @Test("a TLS 1.3-only server's chain, encrypted on the wire, is read through a full handshake")
    func tls13Chain() async throws {
        let (root, intermediate) = try await Self.authority.value.get()
        let leaf = try intermediate.issue(name: "localhost", dnsNames: ["localhost"])
        let result = try await probe([leaf, intermediate], trusting: [root], tls13Only: true)
        #expect(result.result.support(for: .tls12)?.status == .rejected)
        #expect(result.result.certificateChain.count == 2)
        #expect(try problems(result) == only([]))
    }

    @Test("verdicts come from the observed facts at a chosen moment: stored evidence re-judges the same way")
    func judgedFromFacts() async throws {
        let (root, intermediate) = try await Self.authority.value.get()
        let observedAt = Date(timeIntervalSince1970: 1_790_000_000)
        let leaf = try intermediate.issue(
            name: "localhost", dnsNames: ["localhost"],
            validity: observedAt.addingTimeInterval(-86_400)...observedAt.addingTimeInterval(20 * 86_400))
        let bundle = try TestPKI.writeBundle([root])
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        let observation = try #require(
            await ChainObservation.observe(
                served: [leaf.der, intermediate.der], expectedName: "localhost",
                trustStore: .success(TrustStore(pemFile: bundle))))
        let stored = try JSONDecoder().decode(ChainObservation.self, from: JSONEncoder().encode(observation))
        let then = CertificateReport.judge(stored, at: observedAt, warningDays: 30)
        #expect(then.expired.verdict == .no && then.expiringSoon.verdict == .yes && then.daysLeft == 20)
        #expect(then.untrusted.verdict == .no && then.incompleteChain.verdict == .no)
        let again = CertificateReport.judge(stored, at: observedAt, warningDays: 30)
        #expect(again.expiringSoon.evidence == then.expiringSoon.evidence && again.daysLeft == then.daysLeft)
        let later = CertificateReport.judge(stored, at: observedAt.addingTimeInterval(30 * 86_400), warningDays: 30)
        #expect(later.expired.verdict == .yes && later.expiringSoon.verdict == .no)
        let earlier = CertificateReport.judge(stored, at: observedAt.addingTimeInterval(-2 * 86_400), warningDays: 30)
        #expect(earlier.notYetValid.verdict == .yes)
    }

    @Test("names match as RFC 6125 clients match them")
    func hostnameRules() throws {
        let leaf = try CertificateFacts(
            der: TestPKI.selfSigned(
                name: "x", dnsNames: ["api.example.test", "*.svc.example.test"], ipAddresses: ["127.0.0.1"]
            )
            .der)
        #expect(HostnameMatch.covers(leaf, name: "API.example.test."))
        #expect(HostnameMatch.covers(leaf, name: "orders.svc.example.test"))
        #expect(!HostnameMatch.covers(leaf, name: "svc.example.test"))
        #expect(!HostnameMatch.covers(leaf, name: "a.b.svc.example.test"))
        #expect(HostnameMatch.covers(leaf, name: "127.0.0.1"))
        #expect(!HostnameMatch.covers(leaf, name: "127.0.0.2"))
    }
}
