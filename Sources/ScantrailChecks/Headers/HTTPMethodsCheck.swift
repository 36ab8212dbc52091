import Foundation
import ScantrailCore

/// Asks the base URL for `TRACE` and `TRACK` (harmless: the server should refuse, not echo) and
/// for `OPTIONS`, and reports methods an API has no business offering.
public struct HTTPMethodsCheck: SecurityCheck {
    /// Methods that have no place on an API: tracing, tunnelling, WebDAV.
    static let unexpected: Set<String> = [
        "TRACE", "TRACK", "CONNECT", "DEBUG", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK",
    ]

    /// What was sent and received.
    public struct Evidence: Codable, Sendable {
        /// The base URL's location.
        public let location: Location
        /// The marker header value sent with TRACE and TRACK, to recognise an echo.
        public let marker: String
        /// The TRACE and TRACK exchanges.
        public let traces: [HTTPExchange]
        /// The OPTIONS exchange.
        public let options: HTTPExchange
    }

    /// The header that carries the marker.
    static let markerHeader = "X-Scantrail-Trace"

    /// Creates the check.
    public init() {}

    public static let metadata = CheckMetadata(
        id: "http.methods",
        title: "TRACE and unexpected methods",
        rules: [Rules.trace, Rules.unexpectedMethods]
    )

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        let marker = "st-" + UUID().uuidString.lowercased().prefix(12)
        var traces: [HTTPExchange] = []
        for method in ["TRACE", "TRACK"] {
            let request = ProbeRequest(
                method: method, url: target.url, headers: [HeaderField(name: Self.markerHeader, value: String(marker))])
            traces.append(try await context.http.send(request))
        }
        let options = try await context.http.send(ProbeRequest(method: "OPTIONS", url: target.url))
        return Evidence(location: target.location(), marker: String(marker), traces: traces, options: options)
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        evidence.traces.map { judgeTrace($0, marker: evidence.marker, at: evidence.location) }
            + [judgeOptions(evidence.options, at: evidence.location)]
    }

    private func judgeTrace(_ exchange: HTTPExchange, marker: String, at base: Location) -> Outcome {
        let method = exchange.request.method
        let location = Location(origin: base.origin, method: method, path: base.path)
        guard let response = exchange.response, exchange.inconclusiveReason == nil else {
            return .inconclusive(Rules.trace, at: location, exchange.inconclusiveReason ?? "no response")
        }
        let echoed = String(decoding: response.body, as: UTF8.self).contains(marker)
        if (200...299).contains(response.status), echoed {
            return .failed(
                Rules.trace, at: location, "\(method) answered \(response.status) and echoed the request back")
        }
        return .passed(Rules.trace, at: location, "\(method) answered \(response.status) without echoing the request")
    }

    private func judgeOptions(_ exchange: HTTPExchange, at base: Location) -> Outcome {
        let location = Location(origin: base.origin, method: "OPTIONS", path: base.path)
        guard let response = exchange.response, exchange.inconclusiveReason == nil else {
            return .inconclusive(Rules.unexpectedMethods, at: location, exchange.inconclusiveReason ?? "no response")
        }
        let allowed = (response.headers.all("Allow") + response.headers.all("Access-Control-Allow-Methods"))
            .flatMap { $0.split(separator: ",") }.map { $0.trimmed.uppercased() }
        let offending = Set(allowed).intersection(Self.unexpected).sorted()
        guard offending.isEmpty else {
            return .failed(Rules.unexpectedMethods, at: location, "OPTIONS lists \(offending.joined(separator: ", "))")
        }
        let listed = allowed.isEmpty ? "no methods" : allowed.joined(separator: ", ")
        return .passed(Rules.unexpectedMethods, at: location, "OPTIONS answered \(response.status) listing \(listed)")
    }
}

extension HTTPMethodsCheck {
    /// The rules this check reports.
    public enum Rules {
        /// TRACE or TRACK echoes requests.
        public static let trace = Rule(
            id: "http.trace-enabled",
            title: "TRACE or TRACK echoes requests",
            severity: .low,
            description: """
                The server answers TRACE (or TRACK) by echoing the request, headers included. Combined with another \
                flaw it lets a script read headers it should never see (cross-site tracing), and it shows the \
                server's defaults were never hardened.
                """,
            remediation: "Disable TRACE and TRACK (Apache `TraceEnable off`; most frameworks refuse them by default).",
            references: ["https://owasp.org/www-community/attacks/Cross_Site_Tracing"],
            mapping: ControlMapping(tsc: [.cc6_6, .cc7_1], owasp: [.api8], cwe: [CWE(693)])
        )

        /// The API offers tunnelling, tracing or WebDAV methods.
        public static let unexpectedMethods = Rule(
            id: "http.unexpected-methods",
            title: "Unexpected HTTP methods are offered",
            severity: .info,
            description: """
                OPTIONS lists methods an API does not need (CONNECT, TRACE, WebDAV's PROPFIND, MKCOL…), a sign of \
                server defaults or modules left enabled that widen the attack surface.
                """,
            remediation: "Allow only the methods the API uses, at the server or gateway.",
            mapping: ControlMapping(tsc: [.cc6_6, .cc7_1], owasp: [.api8], cwe: [CWE(749)])
        )
    }
}
