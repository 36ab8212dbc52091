import Foundation
import Synchronization
import Testing

@testable import ScantrailCore

@Suite("Response shapes and the soft-404 fingerprint")
struct ResponseShapeTests {
    static func response(
        _ status: Int = 200, body: String, type: String = "text/html", location: String? = nil
    ) -> HTTPExchange.Response {
        var headers = [HeaderField(name: "Content-Type", value: type)]
        if let location { headers.append(HeaderField(name: "Location", value: location)) }
        return HTTPExchange.Response(
            status: status, headers: headers, body: Data(body.utf8), bodyLength: body.utf8.count, bodyTruncated: false)
    }

    @Test("a catch-all page that echoes the path, a request id and a timestamp has one shape for every path")
    func echoedDetailsBlanked() {
        func page(_ path: String, id: String, time: Int) -> ResponseShape {
            ResponseShape(
                Self.response(body: "<p>No page at \(path) (request \(id), \(time))</p>"), requestedPath: path)
        }
        let first = page("/admin/.env", id: "9f86d081884c7d65", time: 1_700_000_000)
        let second = page("/backup.zip", id: "2c26b46b68ffc68f", time: 1_700_000_042)
        #expect(first.bodyDigest == second.bodyDigest)
    }

    @Test(
        "a catch-all page that contains the requested path's words still matches its random sibling",
        arguments: [
            ("<title>Orders</title><div id=app></div>", "/api/orders"),  // the app is named after the path
            ("<meta charset=utf-8><p>theme</p>", "/api/v1/me"),  // a two-letter segment inside the markup
            ("<title>Orders</title><p>No route for {path}</p>", "/api/orders"),  // both: named and echoed
        ])
    func pathWordsInThePage(template: String, path: String) {
        func page(_ requested: String) -> HTTPExchange.Response {
            Self.response(body: template.replacingOccurrences(of: "{path}", with: requested))
        }
        let random = "/api/st0123456789abcd"
        let baseline = SoftNotFoundBaseline.Sample(
            shape: ResponseShape(page(random), requestedPath: random), isDynamic: false, probes: [random])
        #expect(ResponseShape(page(path), requestedPath: path).matches(baseline))
        let real = Self.response(body: "<title>Orders</title><table><tr><td>order 1</td></tr></table>")
        #expect(!ResponseShape(real, requestedPath: path).matches(baseline))
    }

    @Test("different bodies, statuses, media types or redirect targets are different shapes")
    func differences() {
        let base = ResponseShape(Self.response(body: "not found"), requestedPath: "/a")
        #expect(base != ResponseShape(Self.response(body: "DB_PASSWORD=x"), requestedPath: "/a"))
        #expect(base.status != ResponseShape(Self.response(404, body: "not found"), requestedPath: "/a").status)
        #expect(
            base.mediaType
                != ResponseShape(Self.response(body: "not found", type: "application/json"), requestedPath: "/a")
                .mediaType)
        let login = ResponseShape(Self.response(302, body: "", location: "/login?next=/a"), requestedPath: "/a")
        let other = ResponseShape(Self.response(302, body: "", location: "/login?next=/b"), requestedPath: "/b")
        #expect(login.location == other.location)
    }

    @Test("a probe matches a static baseline only byte for byte; a dynamic one within 10 % of its length")
    func matching() {
        let shape = ResponseShape(Self.response(body: String(repeating: "x", count: 1000)), requestedPath: "/a")
        let fixed = SoftNotFoundBaseline.Sample(shape: shape, isDynamic: false, probes: ["/st1", "/st2"])
        let dynamic = SoftNotFoundBaseline.Sample(shape: shape, isDynamic: true, probes: ["/st1", "/st2"])
        let near = ResponseShape(Self.response(body: String(repeating: "y", count: 1050)), requestedPath: "/b")
        let far = ResponseShape(Self.response(body: String(repeating: "y", count: 1200)), requestedPath: "/b")
        #expect(shape.matches(fixed) && !near.matches(fixed))
        #expect(near.matches(dynamic) && !far.matches(dynamic))
        let json = ResponseShape(
            Self.response(body: String(repeating: "x", count: 1000), type: "application/json"), requestedPath: "/a")
        #expect(!json.matches(dynamic))
    }

    @Test(
        "random siblings share the folder and the extension of the path judged",
        arguments: [
            ("/a/b/c.env", "/a/b/", ".env"), ("/.env", "/", ".env"), ("/a/", "/", "/"), ("/api/users", "/api/", ""),
            ("/x.tar.gz?y=1", "/", ".gz"), ("relative", "/", ""),
        ])
    func siblings(path: String, folder: String, fileExtension: String) {
        let shape = SoftNotFoundBaseline.shape(of: path)
        #expect(shape.folder == folder && shape.fileExtension == fileExtension)
    }
}

@Suite("The log of successful responses the secrets check reads")
struct ResponseLogTests {
    static func exchange(_ url: String, status: Int = 200, body: Data = Data("ok".utf8)) -> HTTPExchange {
        HTTPExchange(
            request: .init(method: "GET", url: url, headers: []),
            response: .init(status: status, headers: [], body: body, bodyLength: body.count, bodyTruncated: false),
            failure: nil, durationMilliseconds: 1, requestsSent: 1)
    }

    @Test("only successes are kept, each request once, in the order they came")
    func keeps() {
        let log = ResponseLog()
        log.record(Self.exchange("http://127.0.0.1/a"))
        log.record(Self.exchange("http://127.0.0.1/missing", status: 404))
        log.record(Self.exchange("http://127.0.0.1/b"))
        log.record(Self.exchange("http://127.0.0.1/a"))
        #expect(log.entries.map(\.url) == ["http://127.0.0.1/a", "http://127.0.0.1/b"])
        #expect(log.dropped == 0)
    }

    @Test("bodies are cut at 64 KiB and marked, and responses past the bound are counted, not kept")
    func bounded() {
        let log = ResponseLog()
        log.record(
            Self.exchange("http://127.0.0.1/big", body: Data(repeating: 0x41, count: ResponseLog.maxBodyBytes + 10)))
        #expect(log.entries.first?.response.body.count == ResponseLog.maxBodyBytes)
        #expect(log.entries.first?.response.bodyTruncated == true)
        for index in 0..<(ResponseLog.maxEntries + 5) { log.record(Self.exchange("http://127.0.0.1/\(index)")) }
        #expect(log.entries.count == ResponseLog.maxEntries && log.dropped == 6)
    }
}

@Suite("Credentials renewed before they expire")
struct CredentialRenewalTests {
    /// A renewal whose fetch hands out `token-1`, `token-2`… each valid for `lifetime` seconds.
    static func renewal(expiresIn seconds: Double?, lifetime: Double = 3600) -> (CredentialRenewal, Fetches) {
        let fetches = Fetches()
        let renewal = CredentialRenewal(
            credential: .header(name: "Authorization", value: "Bearer token-0"),
            expiresAt: seconds.map { Date().addingTimeInterval($0) },
            fetch: {
                let count = fetches.next()
                return (
                    .header(name: "Authorization", value: "Bearer token-\(count)"), Date().addingTimeInterval(lifetime)
                )
            })
        return (renewal, fetches)
    }

    final class Fetches: Sendable {
        private let count = Mutex(0)
        func next() -> Int {
            count.withLock {
                $0 += 1; return $0
            }
        }
        var total: Int { count.withLock { $0 } }
    }

    @Test("a fresh credential is used as it is")
    func fresh() async throws {
        let (renewal, fetches) = Self.renewal(expiresIn: 3600)
        #expect(try await renewal.current().token == "token-0")
        #expect(fetches.total == 0 && renewal.renewalCount == 0)
    }

    @Test("an expired credential, or one within a tenth of its lifetime of expiring, is fetched again")
    func renewed() async throws {
        let (renewal, fetches) = Self.renewal(expiresIn: 100)
        #expect(try await renewal.current(now: Date().addingTimeInterval(50)).token == "token-0")
        #expect(try await renewal.current(now: Date().addingTimeInterval(95)).token == "token-1")
        #expect(fetches.total == 1 && renewal.renewalCount == 1)
        #expect(try await renewal.current().token == "token-1")
    }

    @Test("the margin is at most 30 seconds, however long the lifetime")
    func margin() async throws {
        let (renewal, _) = Self.renewal(expiresIn: 86_400)
        #expect(try await renewal.current(now: Date().addingTimeInterval(86_400 - 60)).token == "token-0")
        #expect(try await renewal.current(now: Date().addingTimeInterval(86_400 - 20)).token == "token-1")
    }

    @Test("a credential without an expiry is never fetched again")
    func neverExpires() async throws {
        let (renewal, fetches) = Self.renewal(expiresIn: nil)
        #expect(try await renewal.current(now: Date().addingTimeInterval(10 * 365 * 86_400)).token == "token-0")
        #expect(fetches.total == 0)
    }
}
