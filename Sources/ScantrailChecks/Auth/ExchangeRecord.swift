import Foundation
import ScantrailCore

/// One request an OpenAPI-driven check sent, as evidence: who it was sent as, what came back.
/// No request header is kept (they carry the credentials), and every identity's secret is
/// masked in the URL and the body excerpt.
public struct ExchangeRecord: Codable, Sendable, Hashable {
    /// Who or what the request was sent as: an identity's name, `anonymous`, `garbage token`….
    public let sentAs: String
    /// `GET`, `POST`….
    public let method: String
    /// The URL, secrets masked.
    public let url: String
    /// The status, or `nil` when no response came.
    public let status: Int?
    /// Why no response came.
    public let failure: String?
    /// The response's media type.
    public let mediaType: String?
    /// The whole body's length in bytes.
    public let bodyLength: Int
    /// The first 4 KiB of the body, secrets masked.
    public let bodyExcerpt: String
    /// Rate-limit signals in the response (`Retry-After`, `RateLimit-*`, `X-RateLimit-*`).
    public let rateLimitHeaders: [String]

    /// The record of `exchange`, sent as `sentAs`, with `secrets` masked.
    init(_ exchange: HTTPExchange, sentAs: String, secrets: [String]) {
        func mask(_ text: String) -> String {
            secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: Redaction.marker) }
        }
        self.sentAs = sentAs
        method = exchange.request.method
        url = mask(Redaction.url(exchange.request.url))
        status = exchange.response?.status
        failure = exchange.failure.map { "\($0)" }
        mediaType = exchange.response?.mediaType
        bodyLength = exchange.response?.bodyLength ?? 0
        bodyExcerpt = mask(String(decoding: (exchange.response?.body ?? Data()).prefix(4096), as: UTF8.self))
        rateLimitHeaders = (exchange.response?.headers ?? []).filter {
            let name = $0.name.lowercased()
            return name == "retry-after" || name.hasPrefix("ratelimit") || name.hasPrefix("x-ratelimit")
        }.map { "\($0.name): \($0.value)" }
    }

    /// Whether the request succeeded (2xx).
    public var succeeded: Bool { (200..<300).contains(status ?? 0) }

    /// `200 (1,234 bytes)` or the failure.
    public var summary: String {
        guard let status else { return "no response (\(failure ?? "unknown"))" }
        return "\(status) (\(bodyLength) bytes)"
    }
}
