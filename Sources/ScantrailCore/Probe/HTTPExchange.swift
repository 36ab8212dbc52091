import Foundation

/// One request and what came back, as a check sees it and as evidence keeps it.
///
/// In memory the response body is whole (up to the scan's body limit). When encoded — in
/// reports, in the evidence store, and in the copy the engine hands to `evaluate` — secrets
/// are redacted (see ``Redaction``) and the body is cut to ``bodyExcerptLimit`` bytes.
public struct HTTPExchange: Sendable, Codable {
    /// Bytes of a body kept in encoded evidence.
    public static let bodyExcerptLimit = 4096

    /// The request as sent (after the probe's default headers were added).
    public struct Request: Sendable, Codable, Hashable {
        /// HTTP method.
        public let method: String
        /// Absolute URL.
        public let url: String
        /// Headers sent.
        public let headers: [HeaderField]

        /// Creates a recorded request.
        public init(method: String, url: String, headers: [HeaderField]) {
            self.method = method
            self.url = url
            self.headers = headers
        }

        private enum CodingKeys: String, CodingKey {
            case method, url, headers
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(method, forKey: .method)
            try container.encode(Redaction.url(url), forKey: .url)
            try container.encode(headers.map(Redaction.header), forKey: .headers)
        }
    }

    /// The final response.
    public struct Response: Sendable, Codable, Hashable {
        /// Status code.
        public let status: Int
        /// Headers received.
        public let headers: [HeaderField]
        /// The body as received (decompressed), cut at the scan's body limit; in decoded
        /// evidence, the stored excerpt.
        public let body: Data
        /// Bytes of body received before reading stopped.
        public let bodyLength: Int
        /// Whether the body was longer than what was kept.
        public let bodyTruncated: Bool

        /// Creates a recorded response.
        public init(status: Int, headers: [HeaderField], body: Data, bodyLength: Int, bodyTruncated: Bool) {
            self.status = status
            self.headers = headers
            self.body = body
            self.bodyLength = bodyLength
            self.bodyTruncated = bodyTruncated
        }

        /// The media type without parameters, lower-cased (`application/json`).
        public var mediaType: String? {
            // A media type holds no whitespace; dropping it all is the trim. Bytes, not Characters:
            // this runs once per response, tens of thousands of times in a path scan.
            headers.first("Content-Type").map { value in
                let bytes = value.utf8.prefix { $0 != UInt8(ascii: ";") }.filter { $0 > 0x20 && $0 != 0x7F }
                return String(decoding: bytes, as: UTF8.self).lowercased()
            }
        }

        /// Whether the status is a redirect (301, 302, 303, 307, 308).
        public var isRedirect: Bool {
            [301, 302, 303, 307, 308].contains(status)
        }

        private enum CodingKeys: String, CodingKey {
            case status, headers, bodyExcerpt, bodyLength, bodyTruncated
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.status = try container.decode(Int.self, forKey: .status)
            self.headers = try container.decode([HeaderField].self, forKey: .headers)
            self.body = Data(try container.decode(String.self, forKey: .bodyExcerpt).utf8)
            self.bodyLength = try container.decode(Int.self, forKey: .bodyLength)
            self.bodyTruncated = try container.decode(Bool.self, forKey: .bodyTruncated)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(status, forKey: .status)
            try container.encode(headers.map(Redaction.header), forKey: .headers)
            let excerpt = body.prefix(HTTPExchange.bodyExcerptLimit)
            try container.encode(String(decoding: excerpt, as: UTF8.self), forKey: .bodyExcerpt)
            try container.encode(bodyLength, forKey: .bodyLength)
            try container.encode(bodyTruncated || body.count > excerpt.count, forKey: .bodyTruncated)
        }
    }

    /// A redirect that was followed on the way to the final response.
    public struct Redirect: Sendable, Codable, Hashable {
        /// Status of the redirect response.
        public let status: Int
        /// URL that answered with the redirect.
        public let from: String
        /// Where it pointed, resolved to an absolute URL.
        public let location: String

        /// Creates a recorded redirect.
        public init(status: Int, from: String, location: String) {
            self.status = status
            self.from = from
            self.location = location
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(status, forKey: .status)
            try container.encode(Redaction.url(from), forKey: .from)
            try container.encode(Redaction.url(location), forKey: .location)
        }

        private enum CodingKeys: String, CodingKey {
            case status, from, location
        }
    }

    /// The first request sent.
    public let request: Request
    /// The final response, or `nil` when the exchange failed.
    public let response: Response?
    /// Why there is no response (or why following redirects stopped).
    public let failure: ProbeFailure?
    /// Redirects followed, in order.
    public let redirects: [Redirect]
    /// Wall time of the whole exchange, in milliseconds.
    public let durationMilliseconds: Int
    /// Requests put on the wire for this exchange (redirects and rate-limit retries count;
    /// 0 when an identical earlier exchange in the same scan was reused).
    public let requestsSent: Int

    /// Creates an exchange record.
    public init(
        request: Request,
        response: Response?,
        failure: ProbeFailure?,
        redirects: [Redirect] = [],
        durationMilliseconds: Int,
        requestsSent: Int
    ) {
        self.request = request
        self.response = response
        self.failure = failure
        self.redirects = redirects
        self.durationMilliseconds = durationMilliseconds
        self.requestsSent = requestsSent
    }

    /// The same exchange, marked as reused from an earlier identical request.
    public func reused() -> HTTPExchange {
        HTTPExchange(
            request: request, response: response, failure: failure, redirects: redirects,
            durationMilliseconds: 0, requestsSent: 0
        )
    }

    /// Why this exchange cannot support a judgement, or `nil` when it can: a transport failure,
    /// or a `429 Too Many Requests` that persisted after backing off.
    public var inconclusiveReason: String? {
        if let failure { return failure.description }
        if response?.status == 429 { return "rate limited: the server kept answering 429 Too Many Requests" }
        return nil
    }
}
