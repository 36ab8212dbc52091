import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import Testing

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
            ])
    }

    @Test("the values of cookies never reach the evidence the outcomes are judged on")
    func redacted() async throws {
        let outcomes = try await CheckHarness.outcomes(
            of: check, servedBy: Self.server(setting: ["session=abc123; Path=/"]))
        #expect(outcomes.allSatisfy { !$0.detail.contains("abc123") })
    }

    @Test("a response that sets no cookie gives no cookie outcome")
    func noCookies() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: DemoAPI.router(.hardened))
        #expect(outcomes.isEmpty)
    }
}
