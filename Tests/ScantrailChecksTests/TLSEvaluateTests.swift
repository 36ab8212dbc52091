import Foundation
import ScantrailCore
import ScantrailTestSupport
import Testing

@testable import ScantrailChecks
@testable import ScantrailTLS

/// The TLS check's `evaluate` on stored facts: every verdict is made at the moment the facts
/// were observed, so stored evidence says the same years later.
@Suite("TLS verdicts from stored facts, at the moment they were observed")
struct TLSEvaluateTests {
    static let observedAt = Date(timeIntervalSince1970: 1_600_000_000)

    /// Evidence of a TLS 1.2/1.3 server whose leaf is valid from a day before ``observedAt``
    /// for `days` days, trusted.
    static func evidence(validFor days: Double) throws -> TLSCheck.Evidence {
        let root = try TestPKI.root()
        let leaf = try root.issue(
            name: "127.0.0.1", ipAddresses: ["127.0.0.1"],
            validity: observedAt.addingTimeInterval(-86_400)...observedAt.addingTimeInterval(days * 86_400))
        let observation = ChainObservation(
            trustStore: "test roots", expectedName: "127.0.0.1", chain: [try CertificateFacts(der: leaf.der)],
            unreadable: [], incompleteChain: .absent("issued by the trusted root"),
            untrusted: .absent("verified up to the test root"))
        let protocols = TLSVersion.allCases.map { version in
            let modern = version >= .tls12
            return TLSScanResult.ProtocolSupport(
                version: version.key, name: "\(version)", status: modern ? .accepted : .rejected,
                reason: modern ? "accepted" : "rejected",
                suites: modern
                    ? [version == .tls13 ? "TLS_AES_128_GCM_SHA256" : "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"] : [],
                suitesComplete: true, serverOrderEnforced: nil)
        }
        let result = TLSScanResult(
            target: "127.0.0.1:443", serverName: nil, nonTLSReply: nil, protocols: protocols, groups: ["x25519"],
            fallbackSCSV: .init(verdict: .yes, evidence: "refused"),
            secureRenegotiation: .init(verdict: .yes, evidence: "ok"),
            compression: .init(verdict: .no, evidence: "none"),
            certificateChain: [Data(leaf.der).base64EncodedString()],
            chain: observation, certificateError: nil, ocspStapled: nil, observedAt: observedAt, handshakes: 10,
            durationMilliseconds: 5)
        return TLSCheck.Evidence(
            origin: "https://127.0.0.1:443", result: result, note: nil, hstsChecked: true,
            strictTransportSecurity: "max-age=31536000; includeSubDomains", expiryWarningDays: 30)
    }

    @Test("a leaf that has since expired was valid when observed, and stored evidence keeps saying so")
    func judgedWhenObserved() throws {
        // Observed in September 2020, valid for 90 days: long expired now, and judged as it was then.
        let evidence = try Self.evidence(validFor: 90)
        let stored = try JSONDecoder().decode(TLSCheck.Evidence.self, from: JSONEncoder().encode(evidence))
        let outcomes = TLSCheck().evaluate(stored)
        #expect(outcomes.status(of: "cert.expired") == .passed)
        #expect(outcomes.status(of: "cert.expiring-soon") == .passed)
        #expect(outcomes.status(of: "tls.grade") == .passed)
        #expect(TLSCheck().evaluate(stored) == outcomes)
    }

    @Test("expiring within the warning window at the observed moment fails expiring-soon, from the same facts")
    func expiringSoon() throws {
        let outcomes = TLSCheck().evaluate(try Self.evidence(validFor: 10))
        #expect(outcomes.status(of: "cert.expiring-soon") == .failed)
        #expect(outcomes.status(of: "cert.expired") == .passed)
    }

    @Test("a cleartext target has no TLS to judge; a refused or unprobed one is inconclusive on every rule")
    func unprobed() {
        let cleartext = TLSCheck.Evidence(
            origin: "http://127.0.0.1:8080", result: nil, note: "cleartext target: no TLS to probe", hstsChecked: false,
            strictTransportSecurity: nil, expiryWarningDays: 30)
        #expect(TLSCheck().evaluate(cleartext).isEmpty)
        let refused = TLSCheck.Evidence(
            origin: "https://127.0.0.2:443", result: nil, note: "refused by the target guard: outside the scope",
            hstsChecked: false, strictTransportSecurity: nil, expiryWarningDays: 30)
        let outcomes = TLSCheck().evaluate(refused)
        #expect(outcomes.count == TLSCheck.metadata.rules.count)
        #expect(outcomes.allSatisfy { $0.status == .inconclusive && $0.detail.contains("target guard") })
    }
}
