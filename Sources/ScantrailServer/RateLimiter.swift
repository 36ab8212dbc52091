import Foundation
import HTTPTypes

/// Fixed-window request quotas per caller (an address, an API key, a scanned host), advertised
/// with the IETF `RateLimit-Policy` and `RateLimit` fields and refused with `Retry-After`.
actor RateLimiter {
    /// A quota: `limit` uses per `window` seconds, named in the headers.
    struct Policy: Sendable {
        let name: String
        let limit: Int
        let window: Int
    }

    /// The answer for one use.
    struct Decision: Sendable {
        let policy: Policy
        let remaining: Int
        /// Seconds until the window restarts.
        let reset: Int
        let allowed: Bool

        /// Adds this quota to the `RateLimit-Policy` and `RateLimit` lists (an answer may carry
        /// several: the API's and the scans'), and `Retry-After` when refused.
        func apply(to headers: inout HTTPFields) {
            func append(_ name: String, _ item: String) {
                let field = HTTPField.Name(name)!
                headers[field] = headers[field].map { "\($0), \(item)" } ?? item
            }
            append("RateLimit-Policy", "\"\(policy.name)\";q=\(policy.limit);w=\(policy.window)")
            append("RateLimit", "\"\(policy.name)\";r=\(remaining);t=\(reset)")
            if !allowed { headers[.retryAfter] = String(reset) }
        }
    }

    private struct Window {
        var start: Int
        var used: Int
    }

    private let now: @Sendable () -> Date
    private var windows: [String: Window] = [:]

    init(now: @escaping @Sendable () -> Date = Date.init) {
        self.now = now
    }

    /// Counts one use of `policy` by `caller`; refused (and not counted) past the limit.
    func use(_ policy: Policy, by caller: String) -> Decision {
        let second = Int(now().timeIntervalSince1970)
        let start = second - second % policy.window
        let key = "\(policy.name) \(caller)"
        var window = windows[key].flatMap { $0.start == start ? $0 : nil } ?? Window(start: start, used: 0)
        let allowed = window.used < policy.limit
        if allowed { window.used += 1 }
        windows[key] = window
        if windows.count > 100_000 { windows = windows.filter { $0.value.start == start } }
        return Decision(
            policy: policy, remaining: policy.limit - window.used, reset: start + policy.window - second,
            allowed: allowed)
    }
}
