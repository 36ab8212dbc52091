import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// Sends a bounded burst to each authentication operation (login, token, password, OTP,
/// sign-up, reset, verification…) and
/// looks for the server pushing back: a 429, or RateLimit / Retry-After headers. The burst
/// stops at the first sign; it never exceeds 100 requests.
public struct RateLimitCheck: SecurityCheck {
    /// One burst.
    public struct Burst: Codable, Sendable {
        /// `POST /login`.
        public let operation: String
        /// Why it was not sent (an unsafe method in passive mode).
        public let notTested: String?
        /// The statuses, in order (0: no response).
        public let statuses: [Int]
        /// The first answer with a 429 or rate-limit headers, if any.
        public let pushback: ExchangeRecord?
        /// Whether the first answer was the server's catch-all page (the burst then stops).
        public let catchAll: Bool
    }

    /// What the check observed.
    public struct Evidence: Codable, Sendable {
        /// `scheme://host:port`.
        public let origin: String
        /// Requests per burst.
        public let burstSize: Int
        /// One per authentication operation.
        public let bursts: [Burst]
    }

    /// The most requests a burst may send.
    public static let maximumBurst = 100

    private let api: APIUnderTest
    private let burstSize: Int

    /// A check over `api`'s authentication operations with bursts of `burstSize` (at most 100).
    public init(api: APIUnderTest, burstSize: Int = 30) {
        self.api = api
        self.burstSize = min(max(burstSize, 1), Self.maximumBurst)
    }

    public static let metadata = CheckMetadata(
        id: "ratelimit.authentication", title: "Rate limiting on authentication operations", rules: [Rules.missing],
        phase: .disruptive)

    private var targets: [APIOperation] { api.inventory.operations.filter(\.takesCredentials) }

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        var bursts: [Burst] = []
        for operation in targets {
            guard !operation.isUnsafe || context.configuration.active else {
                bursts.append(
                    Burst(
                        operation: operation.label,
                        notTested: operation.passiveModeNote,
                        statuses: [], pushback: nil, catchAll: false))
                continue
            }
            var statuses: [Int] = []
            var pushback: ExchangeRecord?
            var catchAll = false
            for sent in 0..<burstSize {
                var request = api.request(operation, on: target, credential: nil)
                request.retriesRateLimited = false
                request.acceptsEarlierAnswer = false
                let exchange = try await context.http.send(request)
                let record = ExchangeRecord(exchange, sentAs: "anonymous", secrets: api.secrets)
                statuses.append(record.status ?? 0)
                if record.status == 429 || !record.rateLimitHeaders.isEmpty {
                    pushback = record
                    break
                }
                // An operation the server answers with its catch-all page is not there to limit.
                if sent == 0 {
                    catchAll = try await context.softNotFound.isSoftNotFound(exchange)
                    if catchAll { break }
                }
            }
            bursts.append(
                Burst(
                    operation: operation.label, notTested: nil, statuses: statuses, pushback: pushback,
                    catchAll: catchAll))
        }
        return Evidence(origin: target.origin, burstSize: burstSize, bursts: bursts)
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        guard !evidence.bursts.isEmpty else {
            let location = Location(origin: evidence.origin, method: nil, path: "/")
            return [.notApplicable(Rules.missing, at: location, "no documented operation looks like authentication")]
        }
        return evidence.bursts.map { burst in
            let location = Location(origin: evidence.origin, operation: burst.operation)
            if let reason = burst.notTested { return .inconclusive(Rules.missing, at: location, reason) }
            if burst.catchAll {
                return .inconclusive(
                    Rules.missing, at: location, "the server answers it with its catch-all page: nothing to limit")
            }
            if let pushback = burst.pushback {
                let signs = ([pushback.status == 429 ? "429" : nil].compactMap { $0 } + pushback.rateLimitHeaders)
                return .passed(
                    Rules.missing, at: location,
                    "pushed back after \(burst.statuses.count) requests: \(signs.joined(separator: ", "))")
            }
            if let first = burst.statuses.first, Set(burst.statuses).isSubset(of: [404, 405, 410, 501]) {
                return .inconclusive(
                    Rules.missing, at: location, "the operation does not answer (\(first)): nothing to limit")
            }
            if burst.statuses.contains(0) {
                return .inconclusive(
                    Rules.missing, at: location, "some of the \(burst.statuses.count) requests got no response")
            }
            let seen = Set(burst.statuses).sorted().map(String.init).joined(separator: ", ")
            return .failed(
                Rules.missing, at: location,
                "\(burst.statuses.count) requests in a row, statuses \(seen), no 429 and no rate-limit header")
        }
    }
}
