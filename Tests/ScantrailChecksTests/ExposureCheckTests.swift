import Foundation
import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import Testing

@Suite("Exposed files are confirmed by content, never by status, and soft-404 servers give none")
struct ExposureCheckTests {
    let check = ExposureCheck()

    /// A server with planted exposures; every other path is a plain 404.
    static func planted() -> Router<BasicRequestContext> {
        let router = Router()
        let files: [(String, String, String)] = [
            (
                "/.env", "text/plain",
                "APP_ENV=production\nDB_PASSWORD=hunter2-very-secret\nSTRIPE_KEY=sk_live_51Habcdef\n"
            ),
            ("/.git/config", "text/plain", "[core]\n\trepositoryformatversion = 0\n\tbare = false\n"),
            ("/actuator/env", "application/json", #"{"activeProfiles":["prod"],"propertySources":[]}"#),
            ("/openapi.json", "application/json", #"{"openapi":"3.0.3","info":{"title":"x"},"paths":{}}"#),
            ("/backup.sql", "application/sql", "-- MySQL dump 10.13\nCREATE TABLE users (id int);\n"),
            ("/id_rsa", "text/plain", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"),
            ("/metrics", "text/plain", "# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\n"),
            (
                "/server-status", "text/html",
                "<html><title>Apache Status</title><h1>Apache Server Status for x</h1></html>"
            ),
            ("/backup/", "text/html", "<html><head><title>Index of /backup</title></head><body></body></html>"),
            (
                "/crossdomain.xml", "text/xml",
                #"<cross-domain-policy><allow-access-from domain="*"/></cross-domain-policy>"#
            ),
            // A 200 whose content is not what the path promises: no finding.
            ("/.env.local", "text/plain", "nothing to see\n"),
        ]
        for (path, type, body) in files {
            router.get(RouterPath(path)) { _, _ in
                Response(
                    status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: body))
                )
            }
        }
        router.get("/.DS_Store") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: [0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31, 0, 0])))
        }
        return router
    }

    /// Every path answered by `respond`, as a catch-all server would.
    static func catchAll(_ respond: @escaping @Sendable (String) -> Response) -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(CatchAllMiddleware(respond: respond))
        return router
    }

    func failedPaths(_ outcomes: [Outcome]) -> [String] {
        outcomes.filter { $0.status == .failed }.map { "\($0.ruleID) \($0.location.path)" }.sorted()
    }

    @Test("planted exposures are found, each under its rule, and nothing else")
    func planted() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: Self.planted())
        #expect(
            failedPaths(outcomes) == [
                "exposure.api-documentation /openapi.json",
                "exposure.backup-or-dump /backup.sql",
                "exposure.cross-domain-policy /crossdomain.xml",
                "exposure.debug-endpoint /server-status",
                "exposure.directory-listing /backup/",
                "exposure.metrics /metrics",
                "exposure.private-key /id_rsa",
                "exposure.secrets-file /.env",
                "exposure.spring-actuator /actuator/env",
                "exposure.version-control /.DS_Store",
                "exposure.version-control /.git/config",
            ])
        #expect(outcomes.count == ExposureCatalogue.probes.count)
        #expect(outcomes.allSatisfy { $0.status != .inconclusive })
    }

    @Test("evidence masks what it found: secrets never reach the report")
    func masked() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: Self.planted())
        let env = try #require(outcomes.first { $0.location.path == "/.env" })
        #expect(!env.detail.contains("hunter2-very-secret") && !env.detail.contains("sk_live_51Habcdef"))
        #expect(env.detail.contains("DB_PASSWORD"))
    }

    @Test("a server answering 404 everywhere gives zero findings")
    func hardened() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: DemoAPI.router(.hardened))
        #expect(failedPaths(outcomes).isEmpty)
    }

    @Test(
        "catch-all servers give zero findings",
        arguments: [
            "single-page app", "JSON echoing the path", "redirect to login", "plain text with the path",
        ]
    )
    func catchAll(style: String) async throws {
        let router = Self.catchAll { path in
            switch style {
            case "single-page app":
                return Response(
                    status: .ok, headers: [.contentType: "text/html"],
                    body: ResponseBody(
                        byteBuffer: ByteBuffer(
                            string:
                                "<!doctype html><html><body><div id=app></div>[core] ref: refs/ password</body></html>")
                    ))
            case "JSON echoing the path":
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: ResponseBody(
                        byteBuffer: ByteBuffer(
                            string: #"{"ok":true,"path":"\#(path)","requestId":"\#(UUID().uuidString)"}"#)))
            case "redirect to login":
                return Response(status: .found, headers: [.location: "/login?next=\(path)"])
            default:
                return Response(
                    status: .ok, headers: [.contentType: "text/plain"],
                    body: ResponseBody(
                        byteBuffer: ByteBuffer(
                            string: "No route for \(path) at \(Date().timeIntervalSince1970)\nAPP_KEY=abc password\n")))
            }
        }
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: router)
        #expect(failedPaths(outcomes).isEmpty)
        #expect(outcomes.allSatisfy { $0.status == .passed })
    }
}

/// Answers every request itself, whatever the path.
struct CatchAllMiddleware<Context: RequestContext>: RouterMiddleware {
    let respond: @Sendable (String) -> Response

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        respond(request.uri.path)
    }
}
