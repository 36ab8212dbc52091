import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// The part both fake trackers share: a rate limit armed on demand, JSON answers.
public final class FakeTrackerSupport: Sendable {
    private let state = Mutex<(limited: Int, retryAfter: Int)>((0, 1))

    /// The next `count` requests are refused with a rate limit asking to wait `seconds`.
    public func rateLimit(next count: Int, retryAfter seconds: Int) {
        state.withLock {
            $0.limited = count
            $0.retryAfter = seconds
        }
    }

    /// The `Retry-After` seconds when this request is to be refused as rate-limited.
    func admit() -> Int? {
        state.withLock { state in
            guard state.limited > 0 else { return nil }
            state.limited -= 1
            return state.retryAfter
        }
    }

    /// A JSON answer.
    func json(_ object: Any, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A request's JSON object body (empty if it is not one).
    func body(_ request: Request) async throws -> [String: Any] {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        return (try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any]) ?? [:]
    }
}
