import Foundation
import ScantrailTestSupport
import Testing

@testable import ScantrailTLS

@Suite("Certificate verdicts are a pure function of the observation and the moment")
struct CertificateJudgementTests {
    /// The test root is valid from about now: moments are taken around it.
    static let now = Date()
    static let day = 86_400.0

    /// An observation of a self-signed leaf valid over `validity`, for `name`, with the given SANs.
    static func observation(
        validity: ClosedRange<Date> = now.addingTimeInterval(-3600)...now.addingTimeInterval(365 * day + 3600),
        dnsNames: [String] = ["api.example.test"], ipAddresses: [String] = [],
        expecting name: String = "api.example.test",
        key: TestPKI.KeyKind = .p256
    ) throws -> ChainObservation {
        let root = try TestPKI.root(name: "Judgement Root")
        let leaf = try root.issue(
            name: "leaf", dnsNames: dnsNames, ipAddresses: ipAddresses, validity: validity, key: key)
        return ChainObservation(
            trustStore: "test roots", expectedName: name,
            chain: [try CertificateFacts(der: leaf.der), try CertificateFacts(der: root.der)], unreadable: [],
            incompleteChain: .absent("reaches the root"), untrusted: .absent("verified"))
    }

    static func judge(_ observation: ChainObservation, at time: Date = now, warningDays: Int = 30) -> CertificateReport
    {
        CertificateReport.judge(observation, at: time, warningDays: warningDays)
    }

    @Test("a leaf valid for a year is neither expired, early nor expiring soon; days left are counted")
    func valid() throws {
        let report = Self.judge(try Self.observation())
        #expect(report.expired.verdict == .no && report.notYetValid.verdict == .no)
        #expect(report.expiringSoon.verdict == .no && report.daysLeft == 365)
        #expect(report.hostnameMismatch.verdict == .no && report.selfSigned.verdict == .no)
    }

    @Test("the warning window is inclusive: exactly the warning days left is expiring soon")
    func warningBoundary() throws {
        let observation = try Self.observation(
            validity: Self.now.addingTimeInterval(-3600)...Self.now.addingTimeInterval(30 * Self.day + 60))
        #expect(Self.judge(observation, warningDays: 30).expiringSoon.verdict == .yes)
        #expect(Self.judge(observation, warningDays: 29).expiringSoon.verdict == .no)
    }

    @Test("judged after expiry it is expired, not expiring soon; judged before its start it is not yet valid")
    func outsideValidity() throws {
        let observation = try Self.observation(
            validity: Self.now...Self.now.addingTimeInterval(10 * Self.day))
        let late = Self.judge(observation, at: Self.now.addingTimeInterval(20 * Self.day))
        #expect(late.expired.verdict == .yes && late.expiringSoon.verdict == .no)
        #expect(late.expiringSoon.evidence == "already expired")
        let early = Self.judge(observation, at: Self.now.addingTimeInterval(-Self.day))
        #expect(early.notYetValid.verdict == .yes && early.expired.verdict == .no)
    }

    @Test(
        "names match by subjectAltName only, wildcards one label deep, addresses against IP entries",
        arguments: [
            (["*.example.test"], [String](), "api.example.test", false),
            (["*.example.test"], [], "a.b.example.test", true),
            (["*.test"], [], "example.test", true),
            (["API.Example.Test"], [], "api.example.test.", false),
            ([], ["127.0.0.1"], "127.0.0.1", false),
            (["localhost"], [], "127.0.0.1", true),
        ] as [([String], [String], String, Bool)])
    func names(dnsNames: [String], ipAddresses: [String], name: String, mismatch: Bool) throws {
        let report = Self.judge(try Self.observation(dnsNames: dnsNames, ipAddresses: ipAddresses, expecting: name))
        #expect(report.hostnameMismatch.verdict == (mismatch ? .yes : .no), "\(report.hostnameMismatch.evidence)")
    }

    @Test("a leaf without any subjectAltName is a mismatch, however its subject reads")
    func noSubjectAltName() throws {
        let report = Self.judge(try Self.observation(dnsNames: [], expecting: "leaf"))
        #expect(report.hostnameMismatch.verdict == .yes)
        #expect(report.hostnameMismatch.evidence.hasPrefix("the leaf has no subjectAltName"))
    }

    @Test("an unreadable leaf carries its reason into every verdict, and no days left")
    func unreadableLeaf() {
        let reason = TLSScanResult.Finding.unknown("the leaf certificate could not be read: certificate 1 of 1: bad")
        let observation = ChainObservation(
            trustStore: "test roots", expectedName: "x", chain: [], unreadable: ["certificate 1 of 1: bad"],
            incompleteChain: reason, untrusted: reason)
        let report = Self.judge(observation)
        #expect(report.daysLeft == nil)
        #expect(
            [report.expired, report.hostnameMismatch, report.weakKey, report.selfSigned].allSatisfy { $0 == reason })
    }

    @Test("the store-dependent verdicts are kept as observed, and the moment is recorded")
    func keepsObservedVerdicts() throws {
        let observed = try Self.observation()
        let untrusted = ChainObservation(
            trustStore: observed.trustStore, expectedName: observed.expectedName, chain: observed.chain,
            unreadable: [], incompleteChain: .present("stops early"), untrusted: .present("no root verifies"))
        let report = Self.judge(untrusted, at: Self.now)
        #expect(report.incompleteChain == .present("stops early") && report.untrusted == .present("no root verifies"))
        #expect(report.evaluatedAt == Self.now && report.expiryWarningDays == 30)
    }
}
