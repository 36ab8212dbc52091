/// Why an exchange produced no usable response. It is an observation, kept as evidence:
/// a refused connection on the cleartext port is exactly what a check wants to see.
public struct ProbeFailure: Error, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The kind of failure; stable strings in reports.
    public struct Code: RawRepresentable, Hashable, Codable, Sendable {
        /// The code as written in reports.
        public let rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Nothing listens on the port.
        public static let connectionRefused = Code(rawValue: "connection-refused")
        /// The host name does not resolve.
        public static let hostNotFound = Code(rawValue: "host-not-found")
        /// No connection within the connect timeout.
        public static let connectTimeout = Code(rawValue: "connect-timeout")
        /// The response did not complete within the request timeout.
        public static let timeout = Code(rawValue: "timeout")
        /// The peer closed or reset the connection mid-exchange.
        public static let connectionReset = Code(rawValue: "connection-reset")
        /// The TLS handshake failed.
        public static let tlsFailure = Code(rawValue: "tls-failure")
        /// The response was not valid HTTP, or its headers were too large.
        public static let malformedResponse = Code(rawValue: "malformed-response")
        /// A compressed body expanded beyond the allowed ratio.
        public static let decompressionLimit = Code(rawValue: "decompression-limit")
        /// Redirects came back to a URL already visited.
        public static let redirectLoop = Code(rawValue: "redirect-loop")
        /// More redirects than allowed.
        public static let tooManyRedirects = Code(rawValue: "too-many-redirects")
        /// The scan's request budget is spent.
        public static let budgetExhausted = Code(rawValue: "budget-exhausted")
        /// The request could not be built (bad URL).
        public static let invalidRequest = Code(rawValue: "invalid-request")
        /// The target guard refused the host (outside the scan's scope, or a non-public address
        /// in hosted mode).
        public static let refused = Code(rawValue: "refused-by-guard")
        /// Not sent: the user excluded the request (`--exclude`).
        public static let excluded = Code(rawValue: "excluded")
        /// The forward proxy refused or did not answer.
        public static let proxyFailure = Code(rawValue: "proxy-failure")
        /// Anything else.
        public static let other = Code(rawValue: "other")
    }

    /// The kind of failure.
    public let code: Code
    /// One line for humans. Never contains headers, tokens or bodies.
    public let message: String

    /// Creates a failure.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Whether the failure means the host could not be reached at all (as opposed to a
    /// server that misbehaved once connected).
    public var isUnreachable: Bool {
        [.connectionRefused, .hostNotFound, .connectTimeout].contains(code)
    }

    /// Whether the scan cannot get at its target at all: unreachable, refused by the target
    /// guard, or a proxy in the way that fails.
    public var leavesTargetOutOfReach: Bool {
        isUnreachable || code == .refused || code == .proxyFailure
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
