import Foundation
import HTTPTypes
import Hummingbird
import ScantrailCore
import ScantrailDemo
import ScantrailHTTP

/// Runs one check for real: collect against a live server through the scan's HTTP probe, then
/// evaluate the evidence as the engine stores it.
enum CheckHarness {
    static func outcomes<Check: SecurityCheck>(
        of check: Check,
        at url: String,
        configuration: ScanConfiguration = ScanConfiguration(),
        callbacks: CallbackRecorder? = nil
    ) async throws -> [Outcome] {
        let target = try ScanTarget(parsing: url)
        return try await HTTPClientProbe.withProbe(configuration: configuration) { probe in
            let context = ScanContext(
                http: probe, configuration: configuration,
                softNotFound: SoftNotFoundBaseline(http: probe, origin: target.origin), logger: .init(label: "test"),
                callbacks: callbacks)
            let evidence = try await check.collect(target, context: context)
            let stored = try JSONValue(encoding: evidence).decode(Check.Evidence.self)
            return check.evaluate(stored)
        }
    }

    /// Runs `check` against `router` served over plain HTTP on 127.0.0.1.
    static func outcomes<Check: SecurityCheck>(
        of check: Check,
        servedBy router: Router<BasicRequestContext>,
        configuration: ScanConfiguration = ScanConfiguration(),
        callbacks: CallbackRecorder? = nil
    ) async throws -> [Outcome] {
        try await LocalHTTPServer.withRunning(router) { port in
            try await outcomes(
                of: check, at: "http://127.0.0.1:\(port)/", configuration: configuration, callbacks: callbacks)
        }
    }

    /// A router answering every GET with `status`, `headers` and a JSON or HTML body.
    static func router(
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:],
        html: Bool = false
    ) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { _, _ in
            var fields = headers
            fields[.contentType] = fields[.contentType] ?? (html ? "text/html" : "application/json")
            return Response(
                status: status, headers: fields,
                body: ResponseBody(byteBuffer: ByteBuffer(string: html ? "<html></html>" : "{}")))
        }
        return router
    }

    /// A router answering every GET and POST, whatever the path, with the same 200 `page`
    /// (and `headers`).
    static func catchAll(_ page: String, mediaType: String, headers: HTTPFields = [:]) -> Router<BasicRequestContext> {
        let router = Router()
        var fields = headers
        fields[.contentType] = mediaType
        for method in [HTTPRequest.Method.get, .post] {
            for path in ["/", "**"] {
                router.on(RouterPath(path), method: method) { [fields] _, _ in
                    Response(
                        status: .ok, headers: fields,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
                }
            }
        }
        return router
    }
}

extension Array where Element == Outcome {
    /// `ruleId → status` for the outcomes without a discriminator, `ruleId[discriminator] → status` otherwise.
    var statuses: [String: Outcome.Status] {
        Dictionary(
            map { outcome in
                (outcome.location.discriminator.map { "\(outcome.ruleID)[\($0)]" } ?? outcome.ruleID, outcome.status)
            },
            uniquingKeysWith: { first, _ in first }
        )
    }
}
