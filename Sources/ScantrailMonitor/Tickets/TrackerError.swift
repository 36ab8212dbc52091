/// Why a ticket tracker could not be used. Never quotes a token or a request body.
public struct TrackerError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case unreachable(String)
        case unauthorized(String)
        case rateLimited(String, seconds: Int)
        case refused(String, status: Int, message: String)
        case unexpected(String)
    }

    private let code: Code

    /// The tracker could not be reached, or did not answer in time.
    static func unreachable(_ tracker: String) -> Self { Self(code: .unreachable(tracker)) }
    /// The token was refused (401, or 403 without a rate limit).
    static func unauthorized(_ tracker: String) -> Self { Self(code: .unauthorized(tracker)) }
    /// The tracker asked to wait longer than a sync waits.
    static func rateLimited(_ tracker: String, seconds: Int) -> Self {
        Self(code: .rateLimited(tracker, seconds: seconds))
    }
    /// The tracker refused the request with its own message.
    static func refused(_ tracker: String, status: Int, message: String) -> Self {
        Self(code: .refused(tracker, status: status, message: message))
    }
    /// The tracker answered something that is not what its API documents.
    static func unexpected(_ detail: String) -> Self { Self(code: .unexpected(detail)) }

    public var description: String {
        switch code {
        case .unreachable(let tracker): "\(tracker) cannot be reached"
        case .unauthorized(let tracker): "\(tracker) refused the token (check its scopes and expiry)"
        case .rateLimited(let tracker, let seconds): "\(tracker) rate limit: retry in \(seconds) s"
        case .refused(let tracker, let status, let message): "\(tracker) answered \(status): \(message)"
        case .unexpected(let detail): detail
        }
    }
}
