import Foundation
import HTTPTypes
import Hummingbird
import ScantrailApp
import ScantrailCore
import ScantrailDemo
import Testing

@Suite("A catch-all server scanned with a description: the operations are missing, the host is judged once")
struct CatchAllScanTests {
    /// Every method and path answered 200 with the same shop page, naming its server.
    static func catchAll() -> Router<BasicRequestContext> {
        let router = Router()
        for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch, .options, .head] {
            for path in ["/", "**"] {
                router.on(RouterPath(path), method: method) { _, _ in
                    Response(
                        status: .ok, headers: [.contentType: "text/html", .server: "nginx/1.18.0"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: "<!doctype html><title>Shop</title><p>Hi")))
                }
            }
        }
        return router
    }

    @Test("documented GETs are inventory.documented-missing; header rules judge the base URL alone")
    func judgedOnce() async throws {
        let inventory = try await CatalogueAPI.description()
        let findings = try await LocalHTTPServer.withRunning(Self.catchAll()) { port in
            try await ActiveScan.run(port: port, inventory, [CatalogueAPI.identity]).findings
        }
        let missing = findings.filter { $0.ruleID == "inventory.documented-missing" }.map(\.location.path)
        #expect(Set(missing) == ["/session", "/reviews", "/products", "/partner/feed", "/me"])
        let elsewhere = findings.filter { $0.ruleID != "inventory.documented-missing" }
        #expect(
            elsewhere.allSatisfy { $0.location.path == "/" && $0.location.method == "GET" },
            "\(elsewhere.map { "\($0.ruleID) \($0.location.display)" })")
        #expect(elsewhere.contains { $0.ruleID == "headers.content-security-policy-missing" })
    }
}
