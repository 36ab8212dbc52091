import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ScantrailReports

/// How the API answers: JSON bodies, RFC 9457 problem documents, report media types.
enum APIResponses {
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(data: try JSONRendering.render(value))))
    }

    /// An RFC 9457 problem document; a 401 also says how to authenticate.
    static func problem(_ error: ServerError) -> Response {
        let body: [String: Any] = [
            "type": "about:blank", "title": error.title, "status": Int(error.status.code), "detail": error.detail,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if error.status == .unauthorized { headers[.wwwAuthenticate] = #"Bearer realm="scantrail""# }
        if let seconds = error.retryAfter { headers[.retryAfter] = String(seconds) }
        return Response(status: error.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(data: data)))
    }

    static func mediaType(_ format: ReportFormat) -> String {
        switch format {
        case .text: "text/plain; charset=utf-8"
        case .json, .oscal: "application/json"
        case .sarif: "application/sarif+json"
        case .junit: "application/xml"
        case .markdown: "text/markdown; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        }
    }
}

/// A request's query parameters, read strictly, as the OpenAPI document states them: a value
/// that does not parse (an empty one included) is a 400 naming the parameter, never ignored.
struct QueryParameters {
    /// The largest number a JSON client can send exactly (2^53 − 1).
    static let largestNumber = 9_007_199_254_740_991

    private let parameters: Parameters

    init(_ request: Request) {
        parameters = request.uri.queryParameters
    }

    /// The value of `name` read by `parse`, or `nil` when absent.
    func value<Value>(_ name: String, _ expected: String, _ parse: (String) -> Value?) throws(ServerError) -> Value? {
        guard let text = parameters.get(name).map({ String($0) }) else { return nil }
        guard !text.isEmpty, let value = parse(text) else { throw .badRequest("\(name) must be \(expected)") }
        return value
    }

    /// The text of `name`, not empty, or `nil` when absent.
    func text(_ name: String) throws(ServerError) -> String? {
        try value(name, "a non-empty string") { $0 }
    }

    /// A whole number of `name` from `minimum` up to ``largestNumber``.
    func number(_ name: String, from minimum: Int, _ expected: String) throws(ServerError) -> Int? {
        try value(name, expected) { Int($0).flatMap { (minimum...Self.largestNumber).contains($0) ? $0 : nil } }
    }

    /// A page size: 1 to `maximum`.
    func limit(maximum: Int) throws(ServerError) -> Int? {
        try value("limit", "a number from 1 to \(maximum)") {
            Int($0).flatMap { (1...maximum).contains($0) ? $0 : nil }
        }
    }
}
