import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// How the demo APIs read and write JSON.
enum DemoJSON {
    /// A `status` answer with the JSON `body` and, besides its media type, `headers`.
    static func response(_ status: HTTPResponse.Status, _ body: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    /// The string fields of `request`'s JSON body (at most 64 KiB), only those named in `kept`
    /// when given; none when the body is not a JSON object.
    static func stringFields(of request: Request, kept: Set<String>? = nil) async throws -> [String: String] {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        return object.filter { kept?.contains($0.key) ?? true }.compactMapValues { $0 as? String }
    }
}
