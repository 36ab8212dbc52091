import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("HTTPS enforcement and HSTS judged on hand-built exchanges")
struct TransportEvaluateTests {
    typealias Evidence = TransportSecurityCheck.Evidence
    static let cleartextURL = "http://127.0.0.1:8080/"
    static let httpsURL = "https://127.0.0.1:8443/"

    static func evidence(cleartext: HTTPExchange?, hsts: String?) -> Evidence {
        Evidence(
            cleartextURL: cleartextURL, cleartext: cleartext, httpsURL: httpsURL,
            https: HandBuilt.exchange(headers: hsts.map { [("Strict-Transport-Security", $0)] } ?? []), note: nil)
    }

    static let redirect = HandBuilt.exchange(status: 301, headers: [("Location", httpsURL)])

    @Test("a redirect to HTTPS, or nothing listening, passes; an answer over cleartext fails")
    func cleartext() {
        let check = TransportSecurityCheck()
        let year = "max-age=31536000; includeSubDomains"
        #expect(
            check.evaluate(Self.evidence(cleartext: Self.redirect, hsts: year)).status(of: "transport.cleartext-http")
                == .passed)
        let refused = HandBuilt.exchange(failure: ProbeFailure(.connectionRefused, "connection refused"))
        #expect(
            check.evaluate(Self.evidence(cleartext: refused, hsts: year)).status(of: "transport.cleartext-http")
                == .passed)
        let served = HandBuilt.exchange(status: 200)
        #expect(
            check.evaluate(Self.evidence(cleartext: served, hsts: year)).status(of: "transport.cleartext-http")
                == .failed)
        let reset = HandBuilt.exchange(failure: HandBuilt.reset)
        #expect(
            check.evaluate(Self.evidence(cleartext: reset, hsts: year)).status(of: "transport.cleartext-http")
                == .inconclusive)
        let limited = HandBuilt.exchange(status: 429)
        #expect(
            check.evaluate(Self.evidence(cleartext: limited, hsts: year)).status(of: "transport.cleartext-http")
                == .inconclusive)
    }

    @Test(
        "HSTS needs a max-age of 180 days and includeSubDomains",
        arguments: [
            ("max-age=31536000; includeSubDomains", Outcome.Status.passed, Outcome.Status.passed),
            ("max-age=15552000; includeSubDomains; preload", .passed, .passed),
            ("max-age=600; includeSubDomains", .passed, .failed),
            ("max-age=31536000", .passed, .failed),
            ("includeSubDomains", .passed, .failed),
        ])
    func hsts(value: String, present: Outcome.Status, strong: Outcome.Status) {
        let outcomes = TransportSecurityCheck().evaluate(Self.evidence(cleartext: Self.redirect, hsts: value))
        #expect(outcomes.status(of: "transport.hsts-missing") == present)
        #expect(outcomes.status(of: "transport.hsts-weak") == strong)
    }

    @Test("no Strict-Transport-Security fails the missing rule; an HTTPS side that did not answer is inconclusive")
    func absentOrUnanswered() {
        let check = TransportSecurityCheck()
        #expect(
            check.evaluate(Self.evidence(cleartext: Self.redirect, hsts: nil)).status(of: "transport.hsts-missing")
                == .failed)
        let unanswered = Evidence(
            cleartextURL: Self.cleartextURL, cleartext: Self.redirect, httpsURL: Self.httpsURL,
            https: HandBuilt.exchange(failure: HandBuilt.reset), note: nil)
        let outcomes = check.evaluate(unanswered)
        #expect(outcomes.status(of: "transport.hsts-missing") == .inconclusive)
        #expect(outcomes.status(of: "transport.hsts-weak") == .inconclusive)
    }
}
