import Foundation
import ScantrailTestSupport
import Testing

@testable import ScantrailTLS

/// The grade as a pure function of facts built by hand: no server, no handshake.
@Suite("TLS grade, from the rating guide's scores and caps")
struct TLSGradeTests {
    static let modernSuites = ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// A server accepting `versions` with `suites` on each, other properties as given.
    static func result(
        _ versions: [TLSVersion] = [.tls12, .tls13], suites: [String] = modernSuites,
        fallback: TLSScanResult.Finding.Verdict = .yes, renegotiation: TLSScanResult.Finding.Verdict = .yes,
        compression: TLSScanResult.Finding.Verdict = .no
    ) -> TLSScanResult {
        let protocols = TLSVersion.allCases.map { version in
            let accepted = versions.contains(version)
            return TLSScanResult.ProtocolSupport(
                version: version.key, name: "\(version)", status: accepted ? .accepted : .rejected,
                reason: accepted ? "accepted" : "rejected",
                suites: accepted ? (version == .tls13 ? ["TLS_AES_128_GCM_SHA256"] : suites) : [],
                suitesComplete: true, serverOrderEnforced: nil)
        }
        return TLSScanResult(
            target: "127.0.0.1:443", serverName: nil, nonTLSReply: nil, protocols: protocols, groups: ["x25519"],
            fallbackSCSV: .init(verdict: fallback, evidence: "fallback"),
            secureRenegotiation: .init(verdict: renegotiation, evidence: "renegotiation"),
            compression: .init(verdict: compression, evidence: "compression"), certificateChain: [], chain: nil,
            certificateError: nil, ocspStapled: nil, observedAt: now, handshakes: 1, durationMilliseconds: 1)
    }

    /// A P-256 leaf for `localhost`, judged at ``now``, trusted or not.
    static func certificates(name: String = "localhost", trusted: Bool = true) throws -> CertificateReport {
        let leaf = try TestPKI.selfSigned(name: "localhost", dnsNames: ["localhost"])
        let facts = try CertificateFacts(der: leaf.der)
        let observation = ChainObservation(
            trustStore: "test roots", expectedName: name, chain: [facts], unreadable: [],
            incompleteChain: .absent("self-issued"), untrusted: trusted ? .absent("pinned") : .present("no root"))
        return CertificateReport.judge(observation, at: now, warningDays: 30)
    }

    /// The self-signed leaf counts as a trust problem; for the plain letter, pretend it is not.
    static func plain(_ report: CertificateReport) -> CertificateReport {
        CertificateReport(
            evaluatedAt: report.evaluatedAt, trustStore: report.trustStore, expectedName: report.expectedName,
            expiryWarningDays: report.expiryWarningDays, chain: report.chain, unreadable: [], daysLeft: report.daysLeft,
            expired: .absent("valid"), notYetValid: .absent("valid"), expiringSoon: .absent("valid"),
            hostnameMismatch: report.hostnameMismatch, weakKey: report.weakKey, weakSignature: report.weakSignature,
            selfSigned: .absent("issued by a CA"), incompleteChain: report.incompleteChain, untrusted: report.untrusted)
    }

    static func grade(
        _ result: TLSScanResult, certificates: CertificateReport?, hsts: TLSGrade.HSTS = .maxAge(31_536_000)
    )
        -> TLSGrade
    {
        TLSGrade(result, certificates: certificates, hsts: hsts)
    }

    @Test("modern protocols, AEAD suites with forward secrecy and a year of HSTS earn A+")
    func best() throws {
        let grade = Self.grade(Self.result(), certificates: Self.plain(try Self.certificates()))
        #expect(grade.grade == .aPlus && grade.reasons.isEmpty && grade.gradeIgnoringTrust == nil)
        #expect(grade.score >= 80)
    }

    @Test(
        "HSTS decides between A and A+",
        arguments: [
            (TLSGrade.HSTS.missing, "A: no Strict-Transport-Security header"),
            (.maxAge(600), "A: HSTS max-age 600 s is under 180 days"),
            (.notChecked, "A: HSTS not checked: A+ needs it (scantrail scan looks)"),
        ])
    func hsts(hsts: TLSGrade.HSTS, reason: String) throws {
        let grade = Self.grade(Self.result(), certificates: Self.plain(try Self.certificates()), hsts: hsts)
        #expect(grade.grade == .a && grade.reasons == [reason])
    }

    @Test("each weakness caps the letter, and every cap is listed")
    func caps() throws {
        let certificates = Self.plain(try Self.certificates())
        let cases: [(TLSScanResult, TLSGrade.Letter, String)] = [
            (Self.result([.tls10, .tls12]), .b, "B: TLS 1.0 is accepted"),
            (Self.result([.sslv3, .tls12]), .c, "C: SSLv3 is accepted (POODLE)"),
            (Self.result([.tls10, .tls11]), .c, "C: neither TLS 1.2 nor TLS 1.3 is accepted"),
            (
                Self.result(suites: Self.modernSuites + ["TLS_RSA_EXPORT_WITH_RC4_40_MD5"]), .f,
                "F: export suite TLS_RSA_EXPORT_WITH_RC4_40_MD5"
            ),
            (Self.result([.tls12], suites: ["TLS_RSA_WITH_AES_128_CBC_SHA"]), .b, "B: no AEAD suite"),
            (Self.result(compression: .yes), .c, "C: TLS compression is enabled (CRIME)"),
            (Self.result(renegotiation: .no), .c, "C: secure renegotiation is not supported"),
            (Self.result(fallback: .no), .a, "A: TLS_FALLBACK_SCSV is not honoured"),
        ]
        for (result, letter, reason) in cases {
            let grade = Self.grade(result, certificates: certificates)
            #expect(grade.grade == letter, "\(reason): \(grade.reasons)")
            #expect(grade.reasons.contains(reason), "\(grade.reasons)")
        }
    }

    @Test("trust problems make it T and a name mismatch M, each keeping the letter they hide")
    func overrides() throws {
        let untrusted = Self.grade(Self.result(), certificates: try Self.certificates(trusted: false))
        #expect(untrusted.grade == .trustProblem && untrusted.gradeIgnoringTrust == .aPlus)
        #expect(untrusted.reasons.contains { $0.hasPrefix("T: not trusted") })
        let mismatch = Self.grade(
            Self.result(), certificates: Self.plain(try Self.certificates(name: "api.example.test")))
        #expect(mismatch.grade == .nameMismatch && mismatch.gradeIgnoringTrust == .aPlus)
    }

    @Test("without an accepted protocol or a certificate there is no grade to give")
    func unknown() {
        #expect(Self.grade(Self.result([]), certificates: nil).grade == .unknown)
        #expect(Self.grade(Self.result(), certificates: nil).reasons == ["?: no certificate could be read"])
    }

    @Test("the worse of two letters is the one further down the scale")
    func worse() {
        #expect(TLSGrade.worse(.a, .c) == .c && TLSGrade.worse(.f, .b) == .f && TLSGrade.worse(.aPlus, .a) == .a)
    }
}
