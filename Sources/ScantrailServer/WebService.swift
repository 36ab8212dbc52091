import Foundation
import HTTPTypes
import Hummingbird
import ScantrailStore

/// What every route shares: the settings, the evidence store held open for the server's life,
/// the scans, the dashboard's sessions and the rate limits; and the one way a request becomes a
/// ``Caller`` and is counted against its quota.
struct WebService: Sendable {
    let settings: ServerSettings
    let store: EvidenceStore?
    let registry: ScanRegistry
    let limiter: RateLimiter
    let sessions: DashboardSessions

    init(settings: ServerSettings, store: EvidenceStore?) {
        self.settings = settings
        self.store = store
        registry = ScanRegistry(settings: settings, store: store)
        limiter = RateLimiter()
        sessions = DashboardSessions()
    }

    /// Requests per minute an anonymous client may send to the API, and a key's holder.
    static let anonymousRequests = RateLimiter.Policy(name: "api", limit: 120, window: 60)
    static let keyRequests = RateLimiter.Policy(name: "api", limit: 1_200, window: 60)

    /// The caller of `request`: the holder of its bearer key (the API), or of its dashboard
    /// session (`session`: the dashboard's pages only, so no cookie ever authorises an API call),
    /// else anonymous.
    ///
    /// - Throws: ``ServerError`` 401 for a key that is unknown, revoked or expired (a wrong key is
    ///   never taken for no key), 503 when the store cannot be read.
    func caller(of request: Request, context: ServerContext, session: Bool = false) async throws(ServerError)
        -> Caller
    {
        let client = client(of: request, context: context)
        let secret: String
        if session {
            guard let id = DashboardSessions.id(in: request.headers[.cookie]),
                let held = await sessions.secret(of: id)
            else { return Caller(client: client, key: nil) }
            secret = held
        } else if let header = request.headers[.authorization] {
            guard header.hasPrefix("Bearer "), !header.dropFirst(7).isEmpty else { throw .keyNeeded }
            secret = String(header.dropFirst(7))
        } else {
            return Caller(client: client, key: nil)
        }
        guard let key = try await authenticate(secret, client: client) else {
            throw ServerError.unauthorized("the key is unknown, revoked or expired")
        }
        return Caller(client: client, key: key)
    }

    /// The usable key whose secret is `secret`, or `nil`; each miss counts against `client`, and
    /// a client past ``ServerSettings/maxFailedSignIns`` is refused before the store is asked,
    /// so keys cannot be guessed at speed.
    ///
    /// - Throws: ``ServerError`` 429 with `Retry-After` past the limit, 503 without a usable store.
    func authenticate(_ secret: String, client: String) async throws(ServerError) -> APIKey? {
        let policy = RateLimiter.Policy(
            name: "failed-sign-ins", limit: settings.maxFailedSignIns, window: settings.failedSignInWindowSeconds)
        let counted = Caller(client: client, key: nil).quotaKey
        let standing = await limiter.peek(policy, by: counted)
        guard standing.allowed else {
            throw ServerError(
                status: .tooManyRequests, title: "Too many failed sign-ins",
                detail: "\(policy.limit) wrong keys from this client; try again in \(standing.reset) s",
                retryAfter: standing.reset)
        }
        guard let store else { throw .noStore }
        let key: APIKey?
        do {
            key = try await store.authenticate(secret)
        } catch {
            throw .storeUnavailable(error)
        }
        if key == nil { _ = await limiter.use(policy, by: counted) }
        return key
    }

    /// The address `request` comes from: its peer's, or what a trusted proxy's `X-Forwarded-For` says.
    func client(of request: Request, context: ServerContext) -> String {
        context.client(trusting: settings.trustedProxies, forwardedFor: request.headers[.xForwardedFor])
    }

    /// Answers an API request: finds the caller, counts the request against its quota, checks
    /// `scope` (none: anyone may), and runs `body` with the store acting as the caller. Refusals
    /// and failures are `application/problem+json`; every answer carries the quota's headers.
    func api(
        _ request: Request, _ context: ServerContext, scope: APIKeyScope? = nil,
        _ body: @Sendable (Caller, EvidenceStore?) async throws -> Response
    ) async -> Response {
        var decision: RateLimiter.Decision?
        var response: Response
        do throws(ServerError) {
            let caller = try await self.caller(of: request, context: context)
            let quota = await limiter.use(
                caller.key == nil ? Self.anonymousRequests : Self.keyRequests, by: caller.quotaKey)
            decision = quota
            guard quota.allowed else {
                throw ServerError(
                    status: .tooManyRequests, title: "Too many requests",
                    detail: "too many requests; try again in \(quota.reset) s", retryAfter: quota.reset)
            }
            if let scope {
                guard caller.key != nil else { throw .keyNeeded }
                guard caller.allows(scope) else { throw .forbidden("the key has no \(scope.rawValue) scope") }
                guard store != nil else { throw .noStore }
            }
            response = try await ServerError.catching { try await body(caller, store?.acting(as: caller.actor)) }
        } catch {
            response = APIResponses.problem(error)
        }
        decision?.apply(to: &response.headers)
        return response
    }
}
