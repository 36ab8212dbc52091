import ScantrailMonitor
import Testing

@Suite("Retry back-off: doubling from the base, capped, half of it random")
struct RetryPolicyTests {
    @Test("each delay lies between half and all of the doubled base, and never beyond the cap")
    func bounds() {
        let policy = RetryPolicy(baseSeconds: 60, maximumSeconds: 600)
        var random = SystemRandomNumberGenerator()
        for (attempt, ceiling) in [(1, 60.0), (2, 120), (3, 240), (4, 480), (5, 600), (40, 600)] {
            for _ in 0..<50 {
                let delay = policy.delay(afterAttempt: attempt, using: &random)
                #expect(delay >= ceiling / 2 && delay <= ceiling, "attempt \(attempt): \(delay)")
            }
        }
    }

    @Test("two jobs failing together do not retry together")
    func jitter() {
        let policy = RetryPolicy()
        var random = SystemRandomNumberGenerator()
        let delays = Set((0..<20).map { _ in policy.delay(afterAttempt: 1, using: &random) })
        #expect(delays.count > 1)
    }
}
