import Synchronization

/// The successful responses a scan received, for checks that inspect everything the scan saw
/// (secrets in responses). Bounded: at most ``maxEntries`` responses, bodies cut at
/// ``maxBodyBytes``; later ones are counted but not kept.
public final class ResponseLog: Sendable {
    /// Most responses kept.
    public static let maxEntries = 500
    /// Body bytes kept per response.
    public static let maxBodyBytes = 64 << 10

    /// One kept response.
    public struct Entry: Sendable {
        /// Method of the request.
        public let method: String
        /// URL requested.
        public let url: String
        /// The response, body cut.
        public let response: HTTPExchange.Response
    }

    private struct State {
        var entries: [Entry] = []
        var seen: Set<String> = []
        var dropped = 0
    }

    private let state = Mutex(State())

    /// Creates an empty log.
    public init() {}

    /// Keeps `exchange` if it is a success not kept already.
    public func record(_ exchange: HTTPExchange) {
        guard let response = exchange.response, (200...299).contains(response.status) else { return }
        let key = exchange.request.method + " " + exchange.request.url
        state.withLock { state in
            guard state.seen.insert(key).inserted else { return }
            guard state.entries.count < Self.maxEntries else {
                state.dropped += 1
                return
            }
            let body = response.body.prefix(Self.maxBodyBytes)
            state.entries.append(
                Entry(
                    method: exchange.request.method, url: exchange.request.url,
                    response: HTTPExchange.Response(
                        status: response.status, headers: response.headers, body: body, bodyLength: response.bodyLength,
                        bodyTruncated: response.bodyTruncated || body.count < response.body.count)))
        }
    }

    /// The kept responses, in the order they came.
    public var entries: [Entry] {
        state.withLock { $0.entries }
    }

    /// Responses that came after the log was full.
    public var dropped: Int {
        state.withLock { $0.dropped }
    }
}
