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
        use(policy, by: [caller])
    }

    /// Counts one use of `policy` by each of `callers` (one scan, counted under each name of
    /// its target host), or none: refused when any of them is past the limit. The decision is
    /// the one with the least left.
    func use(_ policy: Policy, by callers: [String]) -> Decision {
        let decisions = callers.map { peek(policy, by: $0) }
        let allowed = decisions.allSatisfy(\.allowed)
        if allowed {
            for caller in callers { windows[key(policy, caller), default: window(policy)].used += 1 }
        }
        let tightest = decisions.min { ($0.allowed ? 1 : 0, $0.remaining) < ($1.allowed ? 1 : 0, $1.remaining) }
        let remaining = (tightest?.remaining ?? policy.limit) - (allowed ? 1 : 0)
        return Decision(
            policy: policy, remaining: max(0, remaining), reset: tightest?.reset ?? policy.window, allowed: allowed)
    }

    /// What a use of `policy` by `caller` would be told now, without counting it.
    func peek(_ policy: Policy, by caller: String) -> Decision {
        let key = key(policy, caller)
        let current = window(policy)
        if windows[key].map({ $0.start != current.start }) ?? false { windows[key] = nil }
        if windows.count > 100_000 { windows = windows.filter { $0.value.start == current.start } }
        let used = windows[key]?.used ?? 0
        return Decision(
            policy: policy, remaining: policy.limit - used,
            reset: current.start + policy.window - Int(now().timeIntervalSince1970), allowed: used < policy.limit)
    }

    private func key(_ policy: Policy, _ caller: String) -> String { "\(policy.name) \(caller)" }

    /// The window of `policy` that holds now, unused.
    private func window(_ policy: Policy) -> Window {
        let second = Int(now().timeIntervalSince1970)
        return Window(start: second - second % policy.window, used: 0)
    }
}
