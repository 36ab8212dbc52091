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
        let client = context.client(trusting: settings.trustedProxies, forwardedFor: request.headers[.xForwardedFor])
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
        guard let store else { throw .noStore }
        do {
            guard let key = try await store.authenticate(secret) else {
                throw ServerError.unauthorized("the key is unknown, revoked or expired")
            }
            return Caller(client: client, key: key)
        } catch let error as ServerError {
            throw error
        } catch {
            throw .storeUnavailable(error)
        }
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
            guard quota.allowed else { throw .tooManyRequests("too many requests; try again in \(quota.reset) s") }
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
