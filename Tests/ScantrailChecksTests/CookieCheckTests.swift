import Foundation
import HTTPTypes
import Hummingbird
import ScantrailCore
import ScantrailDemo
import Testing

@testable import ScantrailChecks

@Suite("Cookie flags, with session cookies weighing more")
struct CookieCheckTests {
    let check = CookieCheck()

    static func server(setting cookies: [String]) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { _, _ in
            var headers: HTTPFields = [.contentType: "application/json"]
            for cookie in cookies {
                headers.append(HTTPField(name: .setCookie, value: cookie))
            }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
        }
        return router
    }

    @Test("each cookie is judged on its own flags, session-looking ones under the graver rule")
    func flags() async throws {
        let router = Self.server(setting: [
            "session=abc123; Path=/",
            "theme=dark; Secure; HttpOnly; SameSite=Lax",
            "tracking=1; SameSite=None",
            "JSESSIONID=xyz; Path=/; Secure; HttpOnly; SameSite=Strict",
        ])
        let statuses = try await CheckHarness.outcomes(of: check, servedBy: router).statuses
        #expect(
            statuses == [
                "cookies.session-flags-missing[session]": .failed,
                "cookies.samesite-missing[session]": .failed,
                "cookies.flags-missing[theme]": .passed,
                "cookies.samesite-missing[theme]": .passed,
                "cookies.flags-missing[tracking]": .failed,
                "cookies.samesite-missing[tracking]": .failed,
                "cookies.session-flags-missing[JSESSIONID]": .passed,
                "cookies.samesite-missing[JSESSIONID]": .passed,
                "cookies.session-flags-missing": .notApplicable,
                "cookies.flags-missing": .notApplicable,
                "cookies.samesite-missing": .notApplicable,
            ])
    }

    @Test("the values of cookies never reach the evidence the outcomes are judged on")
    func redacted() async throws {
        let outcomes = try await CheckHarness.outcomes(
            of: check, servedBy: Self.server(setting: ["session=abc123; Path=/"]))
        #expect(outcomes.allSatisfy { !$0.detail.contains("abc123") })
    }

    @Test("a response that sets no cookie makes every rule not applicable there, and fails nothing")
    func noCookies() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: DemoAPI.router(.hardened))
        #expect(outcomes.count == 3)
        #expect(outcomes.allSatisfy { $0.status == .notApplicable && $0.location.discriminator == nil })
        #expect(outcomes.allSatisfy { $0.detail == "no cookie is set at GET /" })
    }

    // MARK: evaluate, on evidence built by hand

    private static func evidence(setCookie: [String] = [], failure: ProbeFailure? = nil) -> SurfaceEvidence {
        HandBuilt.surface(headers: setCookie.map { ("Set-Cookie", $0) }, failure: failure)
    }

    @Test(
        "SameSite is judged from the attribute",
        arguments: [
            ("a=1; SameSite=Lax", Outcome.Status.passed), ("a=1; samesite=strict", .passed),
            ("a=1; SameSite=None; Secure", .passed), ("a=1; SameSite=None", .failed), ("a=1", .failed),
        ])
    func sameSite(header: String, status: Outcome.Status) {
        let outcomes = check.evaluate(Self.evidence(setCookie: [header]))
        #expect(
            outcomes.first { $0.ruleID == "cookies.samesite-missing" && $0.location.discriminator == "a" }?.status
                == status)
    }

    @Test("a session-looking name moves the flags to the graver rule", arguments: ["sid", "auth_token", "XSRF-TOKEN"])
    func sessionNames(name: String) {
        let outcomes = check.evaluate(Self.evidence(setCookie: ["\(name)=1"]))
        #expect(outcomes.contains { $0.ruleID == "cookies.session-flags-missing" && $0.status == .failed })
        #expect(!outcomes.contains { $0.ruleID == "cookies.flags-missing" && $0.location.discriminator == name })
    }

    @Test("a failed fetch leaves every rule inconclusive: it proves no cookie gone")
    func failedFetch() {
        let outcomes = check.evaluate(Self.evidence(failure: HandBuilt.reset))
        #expect(outcomes.count == 3 && outcomes.allSatisfy { $0.status == .inconclusive })
    }

    @Test("a malformed Set-Cookie line is ignored rather than judged")
    func malformed() {
        let outcomes = check.evaluate(Self.evidence(setCookie: ["no-equals-sign", "=value"]))
        #expect(outcomes.allSatisfy { $0.status == .notApplicable })
        #expect(outcomes.first?.detail == "no cookie is set at GET /")
    }
}
