import Foundation
import HTTPTypes
import Hummingbird
import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("Without a description, the surface checks judge the places the scan learns")
struct LearnedPathsTests {
    static let origin = "http://127.0.0.1:8080"

    /// An answer of `origin` to `url`, with `headers`, `body` and the `redirects` that led there.
    static func exchange(
        _ url: String = origin + "/", mediaType: String, body: String, headers: [HeaderField] = [],
        redirects: [HTTPExchange.Redirect] = []
    ) -> HTTPExchange {
        HTTPExchange(
            request: .init(method: "GET", url: url, headers: []),
            response: .init(
                status: 200, headers: [HeaderField(name: "Content-Type", value: mediaType)] + headers,
                body: Data(body.utf8), bodyLength: body.utf8.count, bodyTruncated: false),
            failure: nil, redirects: redirects, durationMilliseconds: 1, requestsSent: 1)
    }

    static func links(_ exchange: HTTPExchange, under url: String = origin + "/") throws -> [String] {
        LearnedPaths.links(in: exchange, on: try ScanTarget(parsing: url)).sorted()
    }

    @Test("a page's same-origin links, forms and scripts are learnt; other origins, assets and fragments are not")
    func pageLinks() throws {
        let page = """
            <a href="/partner/feed?x=1#top">feed</a> <a href='orders'>orders</a> <form action="/session">
            <script src="/static/app.js"></script> <link href="/style.css" rel=stylesheet>
            <a href="https://elsewhere.example/api">x</a> <a href="#section">y</a> <a href="/">home</a>
            <a href="http://127.0.0.1:9090/other-port">z</a>
            """
        let learnt = try Self.links(Self.exchange(mediaType: "text/html", body: page))
        #expect(learnt == ["/orders", "/partner/feed", "/session"])
    }

    @Test("a JSON body's path-like strings and absolute same-origin URLs are learnt, prose is not")
    func jsonLinks() throws {
        let json = """
            {"links": {"self": "/v1", "orders": {"href": "http://127.0.0.1:8080/v1/orders"}},
             "docs": "/docs", "note": "see /readme for more", "cdn": "//cdn.example/x", "count": 3}
            """
        let learnt = try Self.links(Self.exchange(mediaType: "application/json", body: json))
        #expect(learnt == ["/docs", "/v1", "/v1/orders"])
    }

    @Test("redirects, Location, Content-Location and Link headers are learnt, relative to the page answered")
    func headerLinks() throws {
        let exchange = Self.exchange(
            Self.origin + "/", mediaType: "application/json", body: "{}",
            headers: [
                HeaderField(name: "Link", value: #"</v2/status>; rel="status", <https://elsewhere.example/x>; rel=x"#),
                HeaderField(name: "Content-Location", value: "index"),
            ],
            redirects: [.init(status: 302, from: Self.origin + "/", location: "/v2/home")])
        #expect(try Self.links(exchange) == ["/v2/home", "/v2/index", "/v2/status"])
    }

    @Test("under a base path, only what lies beneath it is learnt, relative to it")
    func basePath() throws {
        let page = #"<a href="/api/orders">o</a> <a href="/admin">a</a> <a href="/api/">base</a>"#
        let learnt = try Self.links(
            Self.exchange(Self.origin + "/api/", mediaType: "text/html", body: page), under: Self.origin + "/api/")
        #expect(learnt == ["/orders"])
    }

    // MARK: - Live

    enum Face { case flawed, hardened, catchAll }

    /// Hardened headers for a JSON answer or an HTML page.
    static func hardened(html: Bool) -> HTTPFields {
        var fields: HTTPFields = [
            .contentType: html ? "text/html" : "application/json", .xContentTypeOptions: "nosniff",
            .contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'", .cacheControl: "no-store",
        ]
        fields[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        if html { fields[HTTPField.Name("Permissions-Policy")!] = "camera=()" }
        return fields
    }

    static let landingPage = """
        <!doctype html><html><body><h1>Orders</h1><a href="/partner/feed">feed</a>
        <a href="/session">sign in</a><script src="/static/orders.js"></script></body></html>
        """

    /// A site with no description whose landing page links to a partner feed and a session
    /// endpoint: flawed, the feed reflects any origin with credentials and the session cookie
    /// lacks its flags; hardened, neither; catch-all, every path is the landing page.
    static func site(_ face: Face) -> Router<BasicRequestContext> {
        let router = Router()
        let page: @Sendable (Request, BasicRequestContext) -> Response = { _, _ in
            Response(
                status: .ok, headers: hardened(html: true),
                body: ResponseBody(byteBuffer: ByteBuffer(string: landingPage)))
        }
        router.get("/", use: page)
        if face == .catchAll {
            router.get("**", use: page)
            return router
        }
        router.get("/partner/feed") { request, _ in
            var fields = hardened(html: false)
            if face == .flawed, let origin = request.headers[.origin] {
                fields[.accessControlAllowOrigin] = origin
                fields[.accessControlAllowCredentials] = "true"
            }
            return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: "[]")))
        }
        router.get("/session") { _, _ in
            var fields = hardened(html: false)
            fields[.setCookie] =
                face == .flawed ? "sid=4f2a9c; Path=/" : "sid=4f2a9c; Path=/; Secure; HttpOnly; SameSite=Lax"
            return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
        }
        return router
    }

    /// `GET /session [sid]`: a location without its origin.
    static func place(_ location: Location) -> String {
        [location.method, location.path, location.discriminator.map { "[\($0)]" }].compactMap(\.self)
            .joined(separator: " ")
    }

    static func failures(_ face: Face) async throws -> [String] {
        let checks: [any SecurityCheck] = [
            SecurityHeadersCheck(.learned), CookieCheck(.learned), CORSCheck(.learned), HTTPMethodsCheck(.learned),
            VerboseErrorCheck(.learned),
        ]
        var failed: [String] = []
        for check in checks {
            failed += try await CheckHarness.outcomes(of: check, servedBy: site(face)).filter { $0.status == .failed }
                .map { "\($0.ruleID) \(Self.place($0.location))" }
        }
        return failed.sorted()
    }

    @Test("CORS reflected on a linked feed and a flagless cookie set by a linked session are findings there")
    func flawed() async throws {
        let failed = try await Self.failures(.flawed)
        #expect(
            failed.contains { $0.hasPrefix("cors.origin-reflected-with-credentials GET /partner/feed") }, "\(failed)")
        #expect(failed.contains("cookies.session-flags-missing GET /session [sid]"), "\(failed)")
        #expect(!failed.contains { $0.contains("/*") || $0.contains(".js") }, "\(failed)")
    }

    @Test("the hardened twin and a catch-all page that links to the same paths give zero findings")
    func twins() async throws {
        #expect(try await Self.failures(.hardened) == [])
        #expect(try await Self.failures(.catchAll) == [])
    }

    @Test("documentation the exposure probes find is walked: its operations are the places judged")
    func documentation() async throws {
        let router = Router()
        router.get("/") { _, _ in
            Response(
                status: .ok, headers: Self.hardened(html: false),
                body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
        }
        router.get("/openapi.json") { _, _ in
            let document = """
                {"openapi": "3.0.3", "info": {"title": "Items", "version": "1"},
                 "paths": {"/api/v1/items": {"get": {"responses": {"200": {"description": "ok"}}}}}}
                """
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: document)))
        }
        router.get("/api/v1/items") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "[]")))
        }
        let outcomes = try await CheckHarness.outcomes(of: SecurityHeadersCheck(.learned), servedBy: router)
        let nosniff = outcomes.filter { $0.ruleID == SecurityHeadersCheck.Rules.contentTypeOptions.id }
        #expect(
            nosniff.contains { $0.status == .failed && Self.place($0.location) == "GET /api/v1/items" }, "\(nosniff)")
        #expect(nosniff.contains { $0.status == .passed && $0.location.path == "/" })
    }
}
