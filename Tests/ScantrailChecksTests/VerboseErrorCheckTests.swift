import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import Testing

@Suite("Provoked errors are read for stack traces and database messages, naming the framework")
struct VerboseErrorCheckTests {
    let check = VerboseErrorCheck()

    static func failure(_ text: String) -> Response {
        Response(
            status: .internalServerError, headers: [.contentType: "text/plain"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// An API that leaks a different framework's internals for each provocation.
    static func leaky() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/") { request, _ in
            if request.headers[.contentType] == "application/json" {
                return failure(
                    "Traceback (most recent call last):\n  File \"/srv/app/views.py\", line 41, in create\n    json.loads(body)\nValueError"
                )
            }
            return failure(
                "TypeError: Cannot read properties of undefined\n    at parseBody (/srv/app/server.js:88:17)\n    at Layer.handle (/srv/node_modules/express/lib/router/layer.js:95:5)"
            )
        }
        router.get("/") { request, _ in
            guard (request.uri.query ?? "").count > 1000 else { return Response(status: .ok) }
            return failure(
                "java.lang.NumberFormatException: For input string\n\tat com.shop.api.OrderController.get(OrderController.java:57)"
            )
        }
        router.get("/{name}") { _, _ in
            failure("You have an error in your SQL syntax; check the manual near ''' at line 1")
        }
        return router
    }

    @Test("each leak is reported under its rule, with the framework named")
    func leaky() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: Self.leaky())
        let failed = outcomes.filter { $0.status == .failed }
        #expect(
            failed.map { "\($0.ruleID)[\($0.location.discriminator ?? "")]" } == [
                "errors.stack-trace[malformed-json]", "errors.stack-trace[unknown-content-type]",
                "errors.stack-trace[overlong-parameter]", "errors.sql-error[quote-in-path]",
            ])
        #expect(failed[0].detail.contains("a Python stack trace"))
        #expect(failed[1].detail.contains("a Node.js stack trace"))
        #expect(failed[2].detail.contains("a Java stack trace"))
        #expect(failed[3].detail.contains("a MySQL sql error"))
        #expect(outcomes.count == 8)
    }

    @Test("an API that answers errors plainly passes every provocation")
    func hardened() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: DemoAPI.router(.hardened))
        #expect(outcomes.count == 8)
        #expect(outcomes.allSatisfy { $0.status == .passed })
    }
}
