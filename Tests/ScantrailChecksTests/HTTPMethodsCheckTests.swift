import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import Testing

@Suite("TRACE echoes and unexpected methods")
struct HTTPMethodsCheckTests {
    let check = HTTPMethodsCheck()

    /// A server that echoes TRACE like an unhardened Apache, and lists WebDAV methods. (It would echo
    /// TRACK too, but SwiftNIO's HTTP parser refuses that method with 400 before any route runs.)
    static func lax() -> Router<BasicRequestContext> {
        let router = Router()
        for method in ["TRACE", "TRACK"] {
            router.on("/", method: HTTPRequest.Method(method)!) { request, _ in
                let echo = "\(method) / HTTP/1.1\r\n" + request.headers.map { "\($0.name): \($0.value)\r\n" }.joined()
                return Response(
                    status: .ok, headers: [.contentType: "message/http"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: echo)))
            }
        }
        router.on("/", method: .options) { _, _ in
            Response(status: .ok, headers: [.allow: "GET, HEAD, POST, OPTIONS, TRACE, PROPFIND, MKCOL"])
        }
        return router
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
}
