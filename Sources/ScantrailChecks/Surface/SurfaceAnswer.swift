import Foundation
import ScantrailCore

/// One answer of the walk over the whole API: a documented operation (or the base URL)
/// requested as one identity.
public struct SurfaceAnswer: Codable, Sendable {
    /// Where the request went: the operation's template (`GET /users/{id}`) or the base URL.
    public let location: Location
    /// The identity's name, or `anonymous`.
    public let sentAs: String
    /// The exchange, redacted and cut when stored.
    public let exchange: HTTPExchange
    /// Whether the answer is the server's answer to a path that does not exist (the soft-404
    /// baseline's): the operation is not there, so its answer judges the host at most, never the
    /// operation; `nil` in evidence stored before it was kept.
    public var catchAll: Bool? = nil

    /// Creates an answer.
    public init(location: Location, sentAs: String, exchange: HTTPExchange, catchAll: Bool? = nil) {
        self.location = location
        self.sentAs = sentAs
        self.exchange = exchange
        self.catchAll = catchAll
    }

    /// Whether the answer is a success (2xx).
    var succeeded: Bool { (200..<300).contains(exchange.response?.status ?? 0) }

    /// The answer's JSON body, if it has one.
    var json: JSONValue? {
        guard let body = exchange.response?.body, !body.isEmpty else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: body)
    }
}
