import ScantrailCore
import Testing

@testable import ScantrailChecks
@testable import ScantrailOpenAPI

@Suite("Rate limiting judged on the statuses of a burst")
struct RateLimitEvaluateTests {
    typealias Burst = RateLimitCheck.Burst

    static func outcome(_ burst: Burst) -> Outcome.Status? {
        RateLimitCheck(api: HandBuilt.emptyAPI)
            .evaluate(.init(origin: HandBuilt.origin, burstSize: 30, bursts: [burst])).first?.status
    }

    static func burst(_ statuses: [Int], pushback: HTTPExchange? = nil, catchAll: Bool = false) -> Burst {
        Burst(
            operation: "POST /login", notTested: nil, statuses: statuses,
            pushback: pushback.map { ExchangeRecord($0, sentAs: "anonymous", secrets: []) }, catchAll: catchAll)
    }

    @Test("a 429 or a rate-limit header passes; thirty answers without either fail")
    func judged() {
        let limited = HandBuilt.exchange(method: "POST", status: 429, headers: [("Retry-After", "30")])
        #expect(Self.outcome(Self.burst(Array(repeating: 401, count: 12) + [429], pushback: limited)) == .passed)
        #expect(Self.outcome(Self.burst(Array(repeating: 401, count: 30))) == .failed)
    }

    @Test("an operation that is not there, the catch-all page, or lost answers judge nothing")
    func inconclusive() {
        #expect(Self.outcome(Self.burst(Array(repeating: 404, count: 30))) == .inconclusive)
        #expect(Self.outcome(Self.burst(Array(repeating: 200, count: 30), catchAll: true)) == .inconclusive)
        #expect(Self.outcome(Self.burst(Array(repeating: 401, count: 29) + [0])) == .inconclusive)
    }

    @Test("without an authentication operation the rule is not applicable")
    func noOperation() {
        let outcomes = RateLimitCheck(api: HandBuilt.emptyAPI)
            .evaluate(.init(origin: HandBuilt.origin, burstSize: 30, bursts: []))
        #expect(outcomes.map(\.status) == [.notApplicable])
    }

    @Test(
        "bursts go to the writes that take credentials: sign-in, sign-up, reset, token, codes; never to reads",
        arguments: [
            ("POST", "/login", nil, true), ("POST", "/v1/auth/sign-in", nil, true), ("POST", "/oauth/token", nil, true),
            ("POST", "/sessions", nil, true), ("POST", "/users/{id}/reset_password", nil, true),
            ("POST", "/account/forgot-password", nil, true), ("PUT", "/me/password", nil, true),
            ("POST", "/mfa/verify", nil, true), ("POST", "/signup", nil, true), ("POST", "/x", "loginUser", true),
            ("GET", "/auth/me", nil, false), ("GET", "/authors", nil, false), ("POST", "/authors", nil, false),
            ("GET", "/login", nil, false), ("POST", "/orders", nil, false), ("DELETE", "/tokens/{id}", nil, false),
            ("POST", "/registered-devices", nil, false),
        ] as [(String, String, String?, Bool)])
    func takesCredentials(method: String, path: String, operationID: String?, expected: Bool) {
        let operation = APIOperation(
            method: method, path: path, operationID: operationID, summary: nil, tags: ["auth"], parameters: [],
            requestBody: nil, security: [])
        #expect(operation.takesCredentials == expected)
    }
}
