import Foundation
import Hummingbird
import ScantrailCore
import ScantrailDemo
import Synchronization
import Testing

@testable import ScantrailApp

@Suite("Excluded requests are never sent, by any check, and say so")
struct ExclusionTests {
    /// The requests each path got.
    final class Hits: Sendable {
        private let counts = Mutex<[String: Int]>([:])
        func count(_ path: String) { counts.withLock { $0[path, default: 0] += 1 } }
        var seen: [String: Int] { counts.withLock { $0 } }
    }

    /// An API whose `GET /seed` resets its data, described with it beside an order list, that
    /// counts the requests each path got.
    static func seededAPI(_ hits: Hits) -> Router<BasicRequestContext> {
        let router = Router()
        let document = """
            {"openapi": "3.0.3", "info": {"title": "Seeded", "version": "1"}, "paths": {
             "/seed": {"get": {"responses": {"200": {"description": "data reset"}}}},
             "/orders": {"get": {"responses": {"200": {"description": "orders"}}}},
             "/orders/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": true,
               "schema": {"type": "integer"}, "example": 1}], "responses": {"200": {"description": "one"}}}}}}
            """
        router.get("/openapi.json") { _, _ in document }
        router.get("/seed") { request, _ in
            hits.count(request.uri.path)
            return #"{"seeded": true}"#
        }
        router.get("/orders") { request, _ in
            hits.count(request.uri.path)
            return #"[{"id": 1}]"#
        }
        router.get("/orders/{id}") { request, _ in
            hits.count(request.uri.path)
            return #"{"id": 1}"#
        }
        return router
    }

    @Test("GET /seed excluded: the server never sees it, its outcomes are inconclusive, the report names the rule")
    func neverSent() async throws {
        let hits = Hits()
        try await LocalHTTPServer.withRunning(Self.seededAPI(hits)) { port in
            var settings = ScanSettings()
            settings.exclusions = ["GET /seed", "* /orders/{id}"]
            let request = ScanRequest(
                target: ScanTarget(scheme: "http", host: "127.0.0.1", port: port),
                description: .location(.url("http://127.0.0.1:\(port)/openapi.json")), settings: settings)
            let result = try await ScanSession.withSession(request) { try await $0.run() }
            let seen = hits.seen
            #expect(seen["/seed"] == nil && seen["/orders/1"] == nil, "\(seen)")
            #expect((seen["/orders"] ?? 0) > 0, "the rest of the API is still scanned")
            // What was asked with GET at /seed was never sent, so nothing there passes or fails
            // (TRACE and OPTIONS there are other requests, and were sent).
            let atSeed = result.checks.flatMap(\.outcomes).filter {
                $0.location.path == "/seed" && $0.location.method == "GET"
            }
            #expect(!atSeed.isEmpty)
            #expect(
                atSeed.allSatisfy { $0.status == .inconclusive || $0.status == .notApplicable },
                "\(atSeed.filter { $0.status == .passed || $0.status == .failed }.map { "\($0.ruleID) \($0.detail)" })")
            #expect(atSeed.contains { $0.detail.contains("excluded by --exclude 'GET /seed'") })
            #expect(result.configuration.exclusions.map(\.description) == ["GET /seed", "* /orders/{id}"])
        }
    }
}
