import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import ScantrailTestSupport
import Testing

@Suite("CORS: an origin is trusted only when the response really grants it")
struct CORSCheckTests {
    let check = CORSCheck()

    /// A server whose CORS answer for each `Origin` is decided by `policy`.
    static func server(
        _ policy: @escaping @Sendable (String) -> (allow: String?, credentials: Bool)
    ) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { request, _ in
            var headers: HTTPFields = [.contentType: "application/json"]
            if let origin = request.headers[.origin] {
                let (allow, credentials) = policy(origin)
                headers[.accessControlAllowOrigin] = allow
                if credentials { headers[.accessControlAllowCredentials] = "true" }
            }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
        }
        return router
    }

    func statuses(_ router: Router<BasicRequestContext>) async throws -> [String: Outcome.Status] {
        try await CheckHarness.outcomes(of: check, servedBy: router).statuses
    }

    @Test("reflecting every origin with credentials fails for each attacker origin, and null")
    func reflectsWithCredentials() async throws {
        let statuses = try await statuses(Self.server { ($0, true) })
        for trick in ["arbitrary", "prefix", "suffix"] {
            #expect(statuses["cors.origin-reflected-with-credentials[\(trick)]"] == .failed)
            #expect(statuses["cors.origin-reflected[\(trick)]"] == nil)
        }
        #expect(statuses["cors.null-origin-allowed[null]"] == .failed)
        #expect(statuses["cors.wildcard-with-credentials"] == .passed)
    }

    @Test("reflecting without credentials is the lesser finding")
    func reflectsWithoutCredentials() async throws {
        let statuses = try await statuses(Self.server { ($0, false) })
        #expect(statuses["cors.origin-reflected-with-credentials[arbitrary]"] == .passed)
        #expect(statuses["cors.origin-reflected[arbitrary]"] == .failed)
    }

    @Test("a suffix-matching allow-list is caught by the suffix trick only")
    func suffixMatch() async throws {
        let statuses = try await statuses(
            Self.server { origin in (origin.hasSuffix("127.0.0.1") ? origin : nil, true) })
        #expect(statuses["cors.origin-reflected-with-credentials[suffix]"] == .failed)
        #expect(statuses["cors.origin-reflected-with-credentials[arbitrary]"] == .passed)
        #expect(statuses["cors.origin-reflected-with-credentials[prefix]"] == .passed)
    }

    @Test("a wildcard with credentials is reported, and is not a reflection")
    func wildcard() async throws {
        let statuses = try await statuses(Self.server { _ in ("*", true) })
        #expect(statuses["cors.wildcard-with-credentials"] == .failed)
        #expect(statuses["cors.origin-reflected-with-credentials[arbitrary]"] == .passed)
    }

    @Test(
        "an exact allow-list, or no CORS at all, passes everything",
        arguments: [true, false]
    )
    func hardened(withAllowList: Bool) async throws {
        let router =
            withAllowList
            ? Self.server { origin in (origin == "https://app.example.com" ? origin : nil, true) }
            : DemoAPI.router(.hardened)
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: router)
        #expect(outcomes.count == 9)
        #expect(outcomes.allSatisfy { $0.status == .passed })
    }

    @Test("an HTTPS API that trusts its own cleartext origin fails the cleartext rule")
    func cleartextOrigin() async throws {
        let router = Self.server { origin in (origin.hasPrefix("http://127.0.0.1") ? origin : nil, true) }
        let outcomes = try await LocalHTTPServer.withRunning(
            router, tls: try TestPKI.selfSignedServerConfiguration()
        ) {
            port in
            try await CheckHarness.outcomes(of: check, at: "https://127.0.0.1:\(port)/")
        }
        #expect(outcomes.statuses["cors.cleartext-origin-allowed[cleartext]"] == .failed)
        #expect(outcomes.statuses["cors.origin-reflected-with-credentials[arbitrary]"] == .passed)
    }
}
