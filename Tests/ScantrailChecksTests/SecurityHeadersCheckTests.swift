import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import Testing

@Suite("Security headers are judged for what the response is")
struct SecurityHeadersCheckTests {
    let check = SecurityHeadersCheck()
    let rules = SecurityHeadersCheck.Rules.self

    @Test("the misconfigured demo API fails every header rule, cookie caching included")
    func misconfigured() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: DemoAPI.router(.misconfigured))
        #expect(outcomes.count == 5)
        #expect(outcomes.allSatisfy { $0.status == .failed })
        #expect(outcomes.last?.detail == "a response that sets a cookie has no Cache-Control")
    }

    @Test("the hardened demo API passes every header rule that applies, with the header seen as evidence")
    func hardened() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: DemoAPI.router(.hardened))
        #expect(outcomes.count == 4)
        #expect(outcomes.allSatisfy { $0.status == .passed })
        #expect(outcomes.contains { $0.detail == "X-Content-Type-Options: nosniff" })
    }

    @Test(
        "each header is judged on its value, not its presence, and only where it applies",
        arguments: [
            (
                ["X-Content-Type-Options": "sniff"], false, "headers.x-content-type-options-missing",
                Outcome.Status.failed
            ),
            (
                ["Content-Security-Policy": "default-src 'self'"], false, "headers.content-security-policy-missing",
                .failed
            ),
            (
                ["Content-Security-Policy": "default-src 'self'"], true, "headers.content-security-policy-missing",
                .passed
            ),
            (
                ["Content-Security-Policy": "frame-ancestors 'none'"], true, "headers.content-security-policy-missing",
                .failed
            ),
            (["Content-Security-Policy": "frame-ancestors 'none'"], true, "headers.frame-protection-missing", .passed),
            (["Content-Security-Policy": "frame-ancestors *"], false, "headers.frame-protection-missing", .failed),
            (["X-Frame-Options": "SAMEORIGIN"], false, "headers.frame-protection-missing", .passed),
            (["X-Frame-Options": "ALLOW-FROM https://x.example"], false, "headers.frame-protection-missing", .failed),
            (["Referrer-Policy": "unsafe-url"], false, "headers.referrer-policy-missing", .failed),
            (
                ["Referrer-Policy": "no-referrer, strict-origin-when-cross-origin"], false,
                "headers.referrer-policy-missing", .passed
            ),
            ([:], true, "headers.permissions-policy-missing", .failed),
            (["Permissions-Policy": "camera=()"], true, "headers.permissions-policy-missing", .passed),
            ([:], false, "headers.permissions-policy-missing", nil),
            (
                ["Set-Cookie": "sid=1", "Cache-Control": "public, max-age=60"], false, "headers.cache-control-missing",
                .failed
            ),
            (["Set-Cookie": "sid=1", "Cache-Control": "no-store"], false, "headers.cache-control-missing", .passed),
            ([:], false, "headers.cache-control-missing", nil),
        ]
    )
    func headerValues(headers: [String: String], html: Bool, rule: String, expected: Outcome.Status?) async throws {
        var fields = HTTPFields()
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        let outcomes = try await CheckHarness.outcomes(
            of: check, servedBy: CheckHarness.router(headers: fields, html: html))
        #expect(outcomes.statuses[rule] == expected)
    }

    @Test("a server that keeps answering 429 leaves every rule inconclusive, never passed")
    func rateLimited() async throws {
        var limits = ScanLimits()
        limits.maxRetryAfterSeconds = 0
        let outcomes = try await CheckHarness.outcomes(
            of: check, servedBy: CheckHarness.router(status: .tooManyRequests),
            configuration: ScanConfiguration(limits: limits)
        )
        #expect(outcomes.count == 6)
        #expect(outcomes.allSatisfy { $0.status == .inconclusive && $0.detail.contains("429") })
    }
}
