import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import ScantrailOpenAPI
import Testing

@Suite("TRACE echoes and unexpected methods")
struct HTTPMethodsCheckTests {
    let check = HTTPMethodsCheck()

    /// A server that echoes TRACE like an unhardened Apache, and lists WebDAV methods. (It would echo
    /// TRACK too, but SwiftNIO's HTTP parser refuses that method with 400 before any route runs.)
    static func lax() -> Router<BasicRequestContext> {
        let router = Router()
        echo(["TRACE", "TRACK"], at: ["/"], on: router)
        router.on("/", method: .options) { _, _ in
            Response(status: .ok, headers: [.allow: "GET, HEAD, POST, OPTIONS, TRACE, PROPFIND, MKCOL"])
        }
        return router
    }

    /// Routes that answer `methods` at `paths` by echoing the request, headers included.
    static func echo(_ methods: [String], at paths: [RouterPath], on router: Router<BasicRequestContext>) {
        for method in methods {
            for path in paths {
                router.on(path, method: HTTPRequest.Method(method)!) { request, _ in
                    let echo =
                        "\(method) \(request.uri.path) HTTP/1.1\r\n"
                        + request.headers.map { "\($0.name): \($0.value)\r\n" }.joined()
                    return Response(
                        status: .ok, headers: [.contentType: "message/http"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: echo)))
                }
            }
        }
    }

    /// The outcomes of the check over the catalogue's documented paths, served by `router`.
    static func documented(_ router: Router<BasicRequestContext>) async throws -> [Outcome] {
        let api = APIUnderTest(inventory: try await CatalogueAPI.description(), identities: [CatalogueAPI.identity])
        return try await CheckHarness.outcomes(of: HTTPMethodsCheck(.described(api)), servedBy: router)
    }

    @Test("an echoing TRACE and WebDAV methods on offer are reported; a refused TRACK passes")
    func lax() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: Self.lax())
        #expect(outcomes.map(\.status) == [.failed, .passed, .failed], "\(outcomes.map(\.detail))")
        #expect(outcomes[1].detail == "TRACK answered 400 without echoing the request")
        #expect(outcomes.map(\.location.method) == ["TRACE", "TRACK", "OPTIONS"])
        #expect(outcomes[2].detail == "OPTIONS lists MKCOL, PROPFIND, TRACE")
    }

    @Test("a server refusing TRACE and TRACK and listing ordinary methods passes")
    func hardened() async throws {
        let router = DemoAPI.router(.hardened)
        router.on("/", method: .options) { _, _ in Response(status: .noContent, headers: [.allow: "GET, HEAD, OPTIONS"])
        }
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: router)
        #expect(outcomes.count == 3)
        #expect(outcomes.allSatisfy { $0.status == .passed })
    }

    @Test("a TRACE echoed on one deep path only is a finding at that path, while the base URL refuses it")
    func deepPath() async throws {
        let router = try CatalogueAPI.router(.hardened)
        Self.echo(["TRACE"], at: ["/partner/feed"], on: router)
        let outcomes = try await Self.documented(router)
        let failed = outcomes.filter { $0.status == .failed }
        #expect(failed.map { "\($0.location.method ?? "") \($0.location.path)" } == ["TRACE /partner/feed"])
        #expect(outcomes.first { $0.location.method == "TRACE" && $0.location.path == "/" }?.status == .passed)
        let host = outcomes.first { $0.ruleID == "http.trace-enabled" && $0.location.path == "/*" }
        #expect(host?.status == .notApplicable, "\(host?.detail ?? "none")")
    }

    @Test("TRACE echoed on every documented path is one finding for the host, listing the paths")
    func everyPath() async throws {
        let router = try CatalogueAPI.router(.hardened)
        let paths = Set(try await CatalogueAPI.description().operations.map(\.path))
        Self.echo(["TRACE"], at: paths.map { RouterPath($0) }, on: router)
        let outcomes = try await Self.documented(router)
        let failed = outcomes.filter { $0.status == .failed }
        #expect(failed.count == 1, "\(failed.map(\.location.display))")
        #expect(failed.first?.location.path == "/*")
        #expect(Set((failed.first?.places ?? []).map(\.path)) == paths.subtracting(["/"]))
    }
}
