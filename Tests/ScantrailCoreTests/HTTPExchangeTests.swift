import Foundation
import Logging
import ScantrailCore
import Synchronization
import Testing

@Suite("An exchange as checks see it, and as evidence keeps it")
struct HTTPExchangeTests {
    static func response(status: Int = 200, contentType: String? = nil, body: String = "") -> HTTPExchange.Response {
        HTTPExchange.Response(
            status: status, headers: contentType.map { [HeaderField(name: "Content-Type", value: $0)] } ?? [],
            body: Data(body.utf8), bodyLength: body.utf8.count, bodyTruncated: false)
    }

    static func exchange(_ response: HTTPExchange.Response?, failure: ProbeFailure? = nil) -> HTTPExchange {
        HTTPExchange(
            request: .init(method: "GET", url: "http://127.0.0.1:8080/x", headers: []), response: response,
            failure: failure, durationMilliseconds: 12, requestsSent: 2)
    }

    @Test(
        "the media type drops parameters and spacing and is lower-cased",
        arguments: [
            ("application/json; charset=utf-8", "application/json"), (" Text/HTML ;q=1", "text/html"),
            ("application/problem+json", "application/problem+json"),
        ])
    func mediaType(header: String, expected: String) {
        #expect(Self.response(contentType: header).mediaType == expected)
    }

    @Test("no Content-Type is no media type")
    func noMediaType() {
        #expect(Self.response().mediaType == nil)
    }

    @Test("only 301, 302, 303, 307 and 308 are redirects")
    func redirects() {
        #expect([301, 302, 303, 307, 308].allSatisfy { Self.response(status: $0).isRedirect })
        #expect(![200, 300, 304, 305, 404].contains { Self.response(status: $0).isRedirect })
    }

    @Test("a reused exchange keeps what it observed but cost nothing")
    func reused() {
        let reused = Self.exchange(Self.response(body: "ok")).reused()
        #expect(reused.requestsSent == 0 && reused.durationMilliseconds == 0)
        #expect(reused.response == Self.response(body: "ok"))
    }

    @Test("a failure or a persistent 429 cannot support a judgement; any other answer can")
    func inconclusiveReason() {
        #expect(
            Self.exchange(nil, failure: ProbeFailure(.timeout, "no answer")).inconclusiveReason
                == "timeout: no answer")
        #expect(Self.exchange(Self.response(status: 429)).inconclusiveReason?.hasPrefix("rate limited") == true)
        #expect(Self.exchange(Self.response(status: 500)).inconclusiveReason == nil)
        #expect(Self.exchange(Self.response(status: 404)).inconclusiveReason == nil)
    }

    @Test("encoded, the body is an excerpt marked as cut; decoded, the excerpt is the body")
    func excerpt() throws {
        let long = String(repeating: "a", count: HTTPExchange.bodyExcerptLimit + 10)
        let data = try JSONEncoder().encode(Self.response(body: long))
        let back = try JSONDecoder().decode(HTTPExchange.Response.self, from: data)
        #expect(back.body.count == HTTPExchange.bodyExcerptLimit)
        #expect(back.bodyLength == long.utf8.count && back.bodyTruncated)
        let short = try JSONDecoder().decode(
            HTTPExchange.Response.self, from: try JSONEncoder().encode(Self.response(body: "short")))
        #expect(!short.bodyTruncated && short.body == Data("short".utf8))
    }

    @Test("followed redirects are recorded with their URLs redacted")
    func redirectRecord() throws {
        let redirect = HTTPExchange.Redirect(
            status: 302, from: "http://127.0.0.1/login?token=abc123", location: "http://127.0.0.1/home")
        let text = String(decoding: try JSONEncoder().encode(redirect), as: UTF8.self)
        #expect(!text.contains("abc123") && text.contains("\"status\":302"))
    }
}

@Suite("Work spread over the connection cap comes back in order")
struct ConcurrentMapTests {
    static func context(maxConnections: Int) -> ScanContext {
        var configuration = ScanConfiguration()
        configuration.limits.maxConnectionsPerHost = maxConnections
        let probe = RefusingProbe()
        return ScanContext(
            http: probe, configuration: configuration,
            softNotFound: SoftNotFoundBaseline(http: probe, origin: "http://127.0.0.1:1"),
            logger: Logger(label: "test"))
    }

    /// A probe for contexts whose work sends nothing.
    struct RefusingProbe: HTTPProbing {
        func send(_ request: ProbeRequest) async throws -> HTTPExchange {
            HTTPExchange(
                request: .init(method: request.method, url: request.url, headers: []), response: nil,
                failure: ProbeFailure(.refused, "this test sends nothing"), durationMilliseconds: 0, requestsSent: 0)
        }
    }

    @Test("results are in the order of the items, whatever order the work finished in")
    func order() async throws {
        let results = try await Self.context(maxConnections: 4).concurrentMap(Array(0..<50)) { item in
            if item % 3 == 0 { await Task.yield() }
            return item * 2
        }
        #expect(results == (0..<50).map { $0 * 2 })
    }

    @Test("no more items are in flight than the width")
    func width() async throws {
        let inFlight = Mutex((current: 0, highest: 0))
        _ = try await Self.context(maxConnections: 8).concurrentMap(Array(0..<40), width: 3) { _ in
            inFlight.withLock {
                $0.current += 1; $0.highest = max($0.highest, $0.current)
            }
            await Task.yield()
            inFlight.withLock { $0.current -= 1 }
        }
        #expect(inFlight.withLock { $0.highest } <= 3)
    }

    @Test("the first error is thrown, and an empty list gives an empty result")
    func errors() async throws {
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await Self.context(maxConnections: 2).concurrentMap([1, 2, 3]) { item in
                if item == 2 { throw Boom() }
                return item
            }
        }
        #expect(try await Self.context(maxConnections: 2).concurrentMap([Int]()) { $0 }.isEmpty)
    }
}
