import Foundation
import ScantrailCore
import ScantrailHTTP
import Testing

/// Calls the web service's API as a client would, bearer key and all, and reads JSON answers.
struct APIClient {
    let base: String

    init(port: Int) {
        base = "http://127.0.0.1:\(port)"
    }

    /// One answer: its status, headers and body.
    struct Answer {
        let status: Int
        let headers: [HeaderField]
        let body: Data

        /// The body as a JSON object (empty when it is not one).
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        /// The `items` of a page.
        var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
    }

    func get(_ path: String, key: String? = nil) async throws -> Answer {
        try await call("GET", path, key: key)
    }

    func call(_ method: String, _ path: String, key: String? = nil, json: String? = nil) async throws -> Answer {
        var headers = key.map { [HeaderField(name: "Authorization", value: "Bearer \($0)")] } ?? []
        if json != nil { headers.append(HeaderField(name: "Content-Type", value: "application/json")) }
        let exchange = try await WebServerTests.send(
            ProbeRequest(method: method, url: base + path, headers: headers, body: json.map { Data($0.utf8) }))
        let response = try #require(exchange.response, "no answer to \(method) \(path)")
        return Answer(status: response.status, headers: response.headers, body: response.body)
    }

    /// Starts a scan of `url` and waits for it to end; its final status.
    func scan(_ url: String, key: String? = nil) async throws -> [String: Any] {
        let accepted = try await call("POST", "/api/v1/scans", key: key, json: #"{"url": "\#(url)"}"#)
        let id = try #require(accepted.object["id"] as? String, "\(String(decoding: accepted.body, as: UTF8.self))")
        return try await WebServerTests.finished(base, id)
    }
}
