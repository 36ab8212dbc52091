import Foundation

/// When a failed scan job runs again: exponential back-off from a base delay, capped, with
/// "equal jitter" (half the delay fixed, half random) so that jobs failing together, say on a
/// target that went down, do not retry together.
public struct RetryPolicy: Sendable, Hashable {
    /// The delay after the first failed attempt, before jitter.
    public var baseSeconds: Double
    /// The longest delay.
    public var maximumSeconds: Double

    /// Creates a policy: by default one minute after the first failure, doubling, at most an hour.
    public init(baseSeconds: Double = 60, maximumSeconds: Double = 3_600) {
        self.baseSeconds = baseSeconds
        self.maximumSeconds = maximumSeconds
    }

    /// The delay after attempt `attempt` (from 1) failed, with `random` drawing the jitter.
    public func delay(afterAttempt attempt: Int, using random: inout some RandomNumberGenerator) -> Double {
        let exponent = Double(max(attempt, 1) - 1)
        let ceiling = min(maximumSeconds, baseSeconds * pow(2, min(exponent, 30)))
        return ceiling / 2 + Double.random(in: 0...(ceiling / 2), using: &random)
    }
}
