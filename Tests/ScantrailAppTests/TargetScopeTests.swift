import Foundation
import HTTPTypes
import Hummingbird
import ScantrailApp
import ScantrailCore
import ScantrailDemo
import Synchronization
import Testing

@Suite("A scan contacts its target and what the user named, nothing else")
struct TargetScopeTests {
    /// A description on 127.0.0.1 whose parameter is a `$ref` to 127.0.0.2, the same server's
    /// other loopback address: outside the scope unless allowed.
    private static func describedAPI(hits: RequestCounter) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/openapi.json") { request, _ in
            let port = request.head.authority?.split(separator: ":").last ?? "80"
            return """
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                 "paths": {"/things/{id}": {"get": {
                   "parameters": [{"$ref": "http://127.0.0.2:\(port)/parameters.json#/id"}],
                   "responses": {"200": {"description": "ok"}}}}}}
                """
        }
        router.get("/**") { _, _ in
            hits.count()
            return "{}"
        }
        return router
    }

    @Test("the scope holds the target's host, the description URL's and the hosts allowed")
    func scope() async throws {
        try await LocalHTTPServer.withRunning(DemoAPI.router(.hardened)) { port in
            var settings = ScanSettings()
            settings.allowedHosts = ["Partner.Example", "2130706433"]
            let request = ScanRequest(
                target: ScanTarget(scheme: "http", host: "127.0.0.1", port: port), description: .none,
                settings: settings)
            try await ScanSession.withSession(request) { session in
                #expect(session.configuration.scope == TargetScope(allowedHosts: ["127.0.0.1", "partner.example"]))
            }
        }
    }

    @Test("a $ref to another host is refused and said to be, unless that host is allowed")
    func foreignReference() async throws {
        let hits = RequestCounter()
        try await LocalHTTPServer.withRunning(Self.describedAPI(hits: hits)) { port in
            let request = ScanRequest(
                target: ScanTarget(scheme: "http", host: "127.0.0.1", port: port),
                description: .location(.url("http://127.0.0.1:\(port)/openapi.json")))
            let issues = Mutex<[String]>([])
            try await ScanSession.withSession(
                request,
                onNotice: { notice in
                    if case .descriptionLoaded(_, let inventory) = notice {
                        issues.withLock { $0 = inventory.issues.map { "\($0)" } }
                    }
                }
            ) { _ in }
            let said = issues.withLock { $0 }
            #expect(said.count == 1)
            #expect(said.first?.contains("127.0.0.2 is outside the scan's scope (127.0.0.1)") == true, "\(said)")
            #expect(hits.total == 0)
        }
    }

    @Test(
        "hosted mode refuses a loopback target in any spelling, before a request is sent",
        arguments: ["127.0.0.1", "2130706433", "0x7f000001"])
    func hostedLoopbackTarget(host: String) async throws {
        let hits = RequestCounter()
        try await LocalHTTPServer.withRunning(Self.describedAPI(hits: hits)) { port in
            var settings = ScanSettings()
            settings.hosted = true
            let request = ScanRequest(
                target: try ScanTarget(parsing: "http://\(host):\(port)/"), description: .none, settings: settings)
            let error = await appError {
                try await ScanSession.withSession(request) { _ = try await $0.run() }
            }
            #expect(error?.kind == .scanFailed)
            #expect(
                error?.description.hasSuffix("127.0.0.1, a loopback address") == true,
                "\(error.map { "\($0)" } ?? "none")")
            #expect(hits.total == 0)
        }
    }
}
