import Foundation
import Synchronization

/// The scan's side of out-of-band probes: it issues ``CallbackProbe``s under a base URL and
/// records the requests a listener receives for them. The listener itself is whatever serves
/// the base URL — the scan's own (`ScantrailHTTP`'s `CallbackListener`) or a route of the web
/// service at its public URL — and hands each request to ``record(path:method:peer:userAgent:)``.
///
/// Only issued tokens are recorded, at most ``maximumHitsPerToken`` requests each; the oldest
/// probes are forgotten beyond ``maximumProbes``, so a long-running service's recorder stays small.
public final class CallbackRecorder: Sendable {
    /// The most probes remembered at once.
    public static let maximumProbes = 50_000
    /// The most requests recorded per probe.
    public static let maximumHitsPerToken = 20

    /// Where targets reach the listener, without a trailing `/`.
    public let baseURL: String

    private struct State {
        var content: [CallbackToken: String] = [:]
        var order: [CallbackToken] = []
        var hits: [CallbackToken: [CallbackHit]] = [:]
    }

    private let state = Mutex(State())

    /// A recorder of probes under `baseURL` (`http://203.0.113.7:8081`, `https://scan.example.com/callbacks`).
    public init(baseURL: String) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
    }

    /// A new probe with a fresh token.
    public func probe() -> CallbackProbe {
        let token = CallbackToken.random()
        let content = "scantrail-callback-" + CallbackToken.random().rawValue
        state.withLock { state in
            state.content[token] = content
            state.order.append(token)
            if state.order.count > Self.maximumProbes {
                let forgotten = state.order.removeFirst()
                state.content[forgotten] = nil
                state.hits[forgotten] = nil
            }
        }
        return CallbackProbe(token: token, url: baseURL + "/" + token.rawValue, content: content)
    }

    /// Records a request for `path` (its last segment the token, a query ignored) and gives
    /// the content to answer it with; `nil` when the path carries no token this recorder issued.
    public func record(path: String, method: String, peer: String, userAgent: String?) -> String? {
        let segment = path.split(separator: "?", maxSplits: 1).first?.split(separator: "/").last
        guard let segment, let token = CallbackToken(rawValue: String(segment)) else { return nil }
        return state.withLock { state -> String? in
            guard let content = state.content[token] else { return nil }
            if state.hits[token, default: []].count < Self.maximumHitsPerToken {
                state.hits[token, default: []].append(
                    CallbackHit(token: token, method: method, peer: peer, userAgent: userAgent))
            }
            return content
        }
    }

    /// The requests recorded so far for `tokens`, in the order they came, per token.
    public func hits(for tokens: [CallbackToken]) -> [CallbackToken: [CallbackHit]] {
        state.withLock { state in
            var found: [CallbackToken: [CallbackHit]] = [:]
            for token in tokens { found[token] = state.hits[token] }
            return found
        }
    }

    /// Waits until every one of `tokens` has a hit or `grace` has passed (a target may fetch
    /// a URL it was handed after it answered), then gives the hits.
    ///
    /// - Throws: `CancellationError` when the task is cancelled.
    public func hits(for tokens: [CallbackToken], waiting grace: Duration) async throws -> [CallbackToken:
        [CallbackHit]]
    {
        let clock = ContinuousClock()
        let deadline = clock.now + grace
        while clock.now < deadline, hits(for: tokens).count < tokens.count {
            try await Task.sleep(for: .milliseconds(100))
        }
        return hits(for: tokens)
    }
}
