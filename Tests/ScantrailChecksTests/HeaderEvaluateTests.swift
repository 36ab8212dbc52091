import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("Header rules judged on hand-built answers")
struct HeaderEvaluateTests {
    static let hardenedJSON: [(String, String)] = [
        ("Content-Type", "application/json"), ("X-Content-Type-Options", "nosniff"),
        ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"), ("Referrer-Policy", "no-referrer"),
    ]

    @Test("a hardened JSON answer passes every security-header rule, and no HTML-only rule is judged")
    func hardened() {
        let outcomes = SecurityHeadersCheck().evaluate(HandBuilt.surface(headers: Self.hardenedJSON))
        #expect(!outcomes.isEmpty && outcomes.allSatisfy { $0.status == .passed })
        #expect(outcomes.status(of: "headers.permissions-policy-missing") == nil)
        #expect(outcomes.status(of: "headers.cache-control-missing") == nil)
    }

    @Test(
        "each missing or weak header fails its own rule",
        arguments: [
            ("X-Content-Type-Options", "sniff", "headers.x-content-type-options-missing"),
            ("Content-Security-Policy", "default-src 'self'", "headers.content-security-policy-missing"),
            ("Referrer-Policy", "unsafe-url", "headers.referrer-policy-missing"),
        ])
    func weak(header: String, value: String, rule: String) {
        let headers = Self.hardenedJSON.filter { $0.0 != header } + [(header, value)]
        #expect(SecurityHeadersCheck().evaluate(HandBuilt.surface(headers: headers)).status(of: rule) == .failed)
    }

    @Test("framing is refused by CSP frame-ancestors or X-Frame-Options; neither fails")
    func framing() {
        let noAncestors = [("Content-Type", "application/json"), ("Content-Security-Policy", "default-src 'none'")]
        let check = SecurityHeadersCheck()
        #expect(
            check.evaluate(HandBuilt.surface(headers: noAncestors)).status(of: "headers.frame-protection-missing")
                == .failed)
        let withXFO = noAncestors + [("X-Frame-Options", "DENY")]
        #expect(
            check.evaluate(HandBuilt.surface(headers: withXFO)).status(of: "headers.frame-protection-missing")
                == .passed)
    }

    @Test("Cache-Control is judged only on answers that carry credentials")
    func cacheControl() {
        let check = SecurityHeadersCheck()
        let credentialed = [HeaderField(name: "Authorization", value: "Bearer t")]
        let cached = check.evaluate(HandBuilt.surface(headers: Self.hardenedJSON, requestHeaders: credentialed))
        #expect(cached.status(of: "headers.cache-control-missing") == .failed)
        let privateAnswer = check.evaluate(
            HandBuilt.surface(
                headers: Self.hardenedJSON + [("Cache-Control", "private, max-age=0")], requestHeaders: credentialed))
        #expect(privateAnswer.status(of: "headers.cache-control-missing") == .passed)
    }

    @Test("an HTML page also needs a Permissions-Policy and a script-restricting CSP")
    func html() {
        let page = [
            ("Content-Type", "text/html; charset=utf-8"), ("Content-Security-Policy", "frame-ancestors 'none'"),
        ]
        let outcomes = SecurityHeadersCheck().evaluate(HandBuilt.surface(headers: page, body: "<html></html>"))
        #expect(outcomes.status(of: "headers.permissions-policy-missing") == .failed)
        #expect(outcomes.status(of: "headers.content-security-policy-missing") == .failed)
    }

    @Test("a failed fetch leaves every header rule inconclusive")
    func failedFetch() {
        let outcomes = SecurityHeadersCheck().evaluate(HandBuilt.surface(failure: HandBuilt.reset))
        #expect(outcomes.count == SecurityHeadersCheck.metadata.rules.count)
        #expect(outcomes.allSatisfy { $0.status == .inconclusive })
    }

    @Test(
        "a version in a product header, or any framework header, is disclosure",
        arguments: [
            ("Server", "nginx/1.18.0", Outcome.Status.failed), ("Server", "nginx", .passed),
            ("Server", "Apache/2.4.41 (Ubuntu)", .failed), ("X-Powered-By", "Express", .failed),
        ])
    func versions(header: String, value: String, status: Outcome.Status) {
        let outcomes = VersionDisclosureCheck().evaluate(HandBuilt.surface(headers: [(header, value)]))
        #expect(outcomes.status(of: "headers.version-disclosure", at: header) == status)
        #expect(outcomes.filter { $0.location.discriminator != header }.allSatisfy { $0.status == .passed })
    }
}
