import Foundation
import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import ScantrailHTTP
import Testing

@Suite("A token in API documentation is an example, unless the API accepts it")
struct DocumentedExampleTests {
    static let example =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkZW1vLXVzZXItNDIiLCJyb2xlIjoidXNlciJ9.Qm9n7xVx3kZt0Lw2YpR8sJd5cHf1aN6uEe4TgKbWqIo"

    /// An API documenting `/me` (secured, unless `documentsSecuredGET` is false) with an example
    /// bearer token, whose `/me` accepts that very token when `live`.
    static func router(live: Bool, documentsSecuredGET: Bool = true) -> Router<BasicRequestContext> {
        let security = documentsSecuredGET ? #"[{"bearer": []}]"# : "[]"
        let document = #"""
            {"openapi": "3.0.3", "info": {"title": "Docs", "version": "1"},
             "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
               "description": "Send a token, e.g. Authorization: Bearer \#(example)"}}},
             "paths": {"/me": {"get": {"security": \#(security), "responses": {"200": {"description": "the caller"}}}}}}
            """#
        let router = Router()
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: document)))
        }
        router.get("/me") { request, _ in
            guard live, request.headers[.authorization] == "Bearer \(example)" else {
                return Response(status: .unauthorized)
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"id":"demo-user-42","plan":"pro"}"#)))
        }
        return router
    }

    /// The credential outcome at `/openapi.json` of a scan with the exposure check (which
    /// fetches the description) and the secrets check.
    static func outcome(_ router: Router<BasicRequestContext>) async throws -> Outcome? {
        let result = try await LocalHTTPServer.withRunning(router) { port in
            try await HTTPClientProbe.withProbe(configuration: ScanConfiguration()) { probe in
                try await ScanEngine(
                    checks: [ExposureCheck(), SecretsCheck()], configuration: ScanConfiguration(), http: probe,
                    redactor: .standard()
                )
                .run(ScanTarget(scheme: "http", host: "127.0.0.1", port: port))
            }
        }
        return result.checks.flatMap(\.outcomes).first {
            $0.ruleID == "secrets.credential-in-response" && $0.location.path == "/openapi.json"
        }
    }

    @Test("an example the API refuses is no finding: passed, naming the refusal")
    func refused() async throws {
        let outcome = try await Self.outcome(Self.router(live: false))
        #expect(outcome?.status == .passed, "\(outcome?.detail ?? "")")
        #expect(outcome?.detail.contains("only documentation examples the API refuses") == true)
        #expect(outcome?.detail.contains("GET /me: 401") == true)
    }

    @Test("an example the API accepts is a live credential: failed")
    func live() async throws {
        let outcome = try await Self.outcome(Self.router(live: true))
        #expect(outcome?.status == .failed, "\(outcome?.detail ?? "")")
        #expect(outcome?.detail.contains(Self.example) == false, "masked")
    }

    @Test("without a secured GET to try it on, an example is inconclusive, never passed")
    func untold() async throws {
        let outcome = try await Self.outcome(Self.router(live: false, documentsSecuredGET: false))
        #expect(outcome?.status == .inconclusive && outcome?.detail.contains("no secured GET") == true)
    }
}
