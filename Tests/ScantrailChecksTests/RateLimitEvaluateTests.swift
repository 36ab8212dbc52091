import ScantrailCore
import Testing

@testable import ScantrailChecks

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
}
