import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// A webhook endpoint for the tests: it records every delivery (headers and raw body) and
/// answers each with the next scripted status (then 200), `Retry-After` with a 429.
final class WebhookReceiver: Sendable {
    /// One request received.
    struct Received: Sendable {
        let path: String
        let headers: HTTPFields
        let body: Data
    }

    private let state: Mutex<(script: [String: [Int]], received: [Received])>

    /// A receiver that answers the requests to `/NAME` with `script[NAME]` in turn.
    init(script: [String: [Int]] = [:]) {
        state = Mutex((script, []))
    }

    var received: [Received] { state.withLock { $0.received } }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/:name") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            let body = Data(buffer: try await request.body.collect(upTo: 1 << 20))
            let status = self.state.withLock { state in
                state.received.append(Received(path: "/" + name, headers: request.headers, body: body))
                return state.script[name]?.isEmpty == false ? state.script[name]!.removeFirst() : 200
            }
            var headers = HTTPFields()
            if status == 429 { headers[.retryAfter] = "1" }
            return Response(status: HTTPResponse.Status(code: status), headers: headers)
        }
        return router
    }
}
