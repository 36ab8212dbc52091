import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("TRACE and OPTIONS judged on hand-built answers")
struct MethodsEvaluateTests {
    static let marker = "st-marker-7f3a"

    static func evidence(trace: HTTPExchange, options: HTTPExchange) -> HTTPMethodsCheck.Evidence {
        HTTPMethodsCheck.Evidence(location: HandBuilt.location, marker: marker, traces: [trace], options: options)
    }

    @Test("TRACE fails only when a success echoes the marker back")
    func trace() {
        let options = HandBuilt.exchange(method: "OPTIONS", headers: [("Allow", "GET, HEAD, OPTIONS")])
        let echoed = HandBuilt.exchange(method: "TRACE", body: "TRACE / HTTP/1.1\r\nX-Scantrail-Trace: \(Self.marker)")
        let check = HTTPMethodsCheck()
        #expect(
            check.evaluate(Self.evidence(trace: echoed, options: options)).status(of: "http.trace-enabled") == .failed)
        let refused = HandBuilt.exchange(method: "TRACE", status: 405, body: "method not allowed: \(Self.marker)")
        #expect(
            check.evaluate(Self.evidence(trace: refused, options: options)).status(of: "http.trace-enabled") == .passed)
        let ignored = HandBuilt.exchange(method: "TRACE", body: "{}")
        #expect(
            check.evaluate(Self.evidence(trace: ignored, options: options)).status(of: "http.trace-enabled") == .passed)
        let reset = HandBuilt.exchange(method: "TRACE", failure: HandBuilt.reset)
        #expect(
            check.evaluate(Self.evidence(trace: reset, options: options)).status(of: "http.trace-enabled")
                == .inconclusive)
    }

    @Test(
        "OPTIONS listing tunnelling, tracing or WebDAV methods fails, in Allow or the CORS header",
        arguments: [
            ("Allow", "GET, POST, OPTIONS", Outcome.Status.passed), ("Allow", "GET, TRACE", .failed),
            ("Allow", "get, propfind, mkcol", .failed), ("Access-Control-Allow-Methods", "GET, CONNECT", .failed),
        ])
    func options(header: String, value: String, status: Outcome.Status) {
        let options = HandBuilt.exchange(method: "OPTIONS", headers: [(header, value)])
        let trace = HandBuilt.exchange(method: "TRACE", status: 405)
        let outcomes = HTTPMethodsCheck().evaluate(Self.evidence(trace: trace, options: options))
        #expect(outcomes.status(of: "http.unexpected-methods") == status)
    }
}
