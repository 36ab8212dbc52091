import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("CORS judged on hand-built answers to crafted origins")
struct CORSEvaluateTests {
    typealias Check = CORSCheck

    /// Every crafted origin answered by `answer(origin)` headers.
    static func evidence(_ answer: (String) -> [(String, String)]) -> Check.Evidence {
        let target = ScanTarget(scheme: "https", host: "api.example.test", port: 443)
        return Check.Evidence(
            location: target.location(),
            attempts: Check.origins(for: target).map { trick, origin in
                Check.Attempt(trick: trick, origin: origin, exchange: HandBuilt.exchange(headers: answer(origin)))
            }, operations: nil, hostWide: nil)
    }

    @Test("a server that grants no crafted origin passes every rule, at every trick")
    func hardened() {
        let outcomes = Check().evaluate(
            Self.evidence { _ in [("Access-Control-Allow-Origin", "https://app.example.test")] })
        #expect(outcomes.allSatisfy { $0.status == .passed })
        #expect(
            Set(outcomes.compactMap(\.location.discriminator))
                == Set(Check.Trick.allCases.filter { $0 != .preflight }.map(\.rawValue)))
    }

    @Test("a wildcard fails on an answer given with credentials, passes on a public feed")
    func wildcardOnPrivateData() {
        let place = Location(origin: "https://api.example.test:443", method: "GET", path: "/me")
        #expect(Check.judgePrivate(wildcard: true, credentialed: true, at: place).status == .failed)
        #expect(Check.judgePrivate(wildcard: true, credentialed: false, at: place).status == .passed)
        #expect(Check.judgePrivate(wildcard: false, credentialed: true, at: place).status == .passed)
    }

    @Test("a place no crafted origin got an answer from passes nothing, the wildcard rule included")
    func unanswered() {
        let target = ScanTarget(scheme: "https", host: "api.example.test", port: 443)
        let evidence = Check.Evidence(
            location: target.location(),
            attempts: Check.origins(for: target).map { trick, origin in
                Check.Attempt(trick: trick, origin: origin, exchange: HandBuilt.exchange(failure: HandBuilt.reset))
            }, operations: nil, hostWide: nil)
        let outcomes = Check().evaluate(evidence)
        #expect(!outcomes.isEmpty && outcomes.allSatisfy { $0.status == .inconclusive })
        #expect(
            outcomes.first { $0.ruleID == "cors.wildcard-with-credentials" }?.detail
                == "connection-reset: reset by peer")
        #expect(
            outcomes.first { $0.ruleID == "cors.wildcard-on-private-data" }?.detail
                == "connection-reset: reset by peer")
    }

    @Test("reflecting any origin with credentials is the graver finding, at every attacker trick")
    func reflectedWithCredentials() {
        let outcomes = Check().evaluate(
            Self.evidence { [("Access-Control-Allow-Origin", $0), ("Access-Control-Allow-Credentials", "true")] })
        for trick in [Check.Trick.arbitrary, .prefix, .suffix] {
            #expect(outcomes.status(of: "cors.origin-reflected-with-credentials", at: trick.rawValue) == .failed)
            #expect(outcomes.status(of: "cors.origin-reflected", at: trick.rawValue) == nil)
        }
        #expect(outcomes.status(of: "cors.null-origin-allowed") == .failed)
        #expect(outcomes.status(of: "cors.cleartext-origin-allowed") == .failed)
    }

    @Test("a wildcard with credentials fails once; a wildcard alone grants no crafted origin")
    func wildcard() {
        let withCredentials = Check().evaluate(
            Self.evidence { _ in [("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Credentials", "true")] })
        #expect(withCredentials.filter { $0.ruleID == "cors.wildcard-with-credentials" }.map(\.status) == [.failed])
        let alone = Check().evaluate(Self.evidence { _ in [("Access-Control-Allow-Origin", "*")] })
        #expect(alone.allSatisfy { $0.status == .passed })
    }
}
