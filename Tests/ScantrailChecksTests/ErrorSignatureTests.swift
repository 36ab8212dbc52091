import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("Error bodies read for stack traces and database messages")
struct ErrorSignatureTests {
    @Test(
        "each framework's trace and each database's message is recognised, and named",
        arguments: [
            ("Traceback (most recent call last):\n  File \"app.py\", line 3", "stack-trace", "Python"),
            ("\tat com.example.Api.handle(Api.java:42)", "stack-trace", "Java"),
            ("goroutine 1 [running]:\nmain.main()", "stack-trace", "Go"),
            ("    at Object.<anonymous> (/srv/app/index.js:10:5)", "stack-trace", "Node.js"),
            ("You have an error in your SQL syntax; check the manual", "sql-error", "MySQL"),
            ("ORA-00933: SQL command not properly ended", "sql-error", "Oracle"),
            ("sqlite3.OperationalError: near \"'\": syntax error", "sql-error", "SQLite"),
        ])
    func recognised(body: String, kind: String, source: String) {
        let signs = VerboseErrorCheck.signs(in: body)
        #expect(signs.contains { $0.kind == kind && $0.source.hasPrefix(source) }, "\(signs)")
    }

    @Test(
        "plain error answers carry no sign",
        arguments: [
            #"{"error": "invalid JSON", "status": 400}"#, "<h1>404 Not Found</h1>",
            #"{"type": "about:blank", "title": "Bad Request", "detail": "at line 1 column 5"}"#,
        ])
    func plain(body: String) {
        #expect(VerboseErrorCheck.signs(in: body).isEmpty)
    }

    @Test("a sign fails its rule at the provocation, and the other rule passes; an unanswered one is inconclusive")
    func judged() {
        let trace = VerboseErrorCheck.Provocation(
            name: "malformed-json", method: "POST", path: "/", status: 500, inconclusive: nil,
            signs: VerboseErrorCheck.signs(in: "Traceback (most recent call last):"))
        let unanswered = VerboseErrorCheck.Provocation(
            name: "quote", method: "GET", path: "/x", status: nil, inconclusive: "timeout", signs: [])
        let outcomes = VerboseErrorCheck().evaluate(
            VerboseErrorCheck.Evidence(origin: HandBuilt.origin, provocations: [trace, unanswered]))
        #expect(outcomes.status(of: "errors.stack-trace", at: "malformed-json") == .failed)
        #expect(outcomes.status(of: "errors.sql-error", at: "malformed-json") == .passed)
        #expect(outcomes.filter { $0.location.discriminator == "quote" }.allSatisfy { $0.status == .inconclusive })
    }
}
