import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// Asks the base URL for `TRACE` and `TRACK` (harmless: the server should refuse, not echo) and
/// for `OPTIONS`, and reports methods an API has no business offering. With a description, each
/// documented path is asked for `TRACE` and `OPTIONS` too; what every path shows is one finding
/// for the host (``HostWide``).
public struct HTTPMethodsCheck: SecurityCheck {
    /// Methods that have no place on an API: tracing, tunnelling, WebDAV.
    static let unexpected: Set<String> = [
        "TRACE", "TRACK", "CONNECT", "DEBUG", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK",
    ]

    /// The `TRACE` and `OPTIONS` sent to one documented path (anonymously, its parameters filled
    /// as for its first operation's reads).
    public struct PathProbe: Codable, Sendable {
        /// The documented path (`/orders/{orderId}`).
        public let path: String
        /// The TRACE exchange, carrying the marker.
        public let trace: HTTPExchange
        /// The OPTIONS exchange.
        public let options: HTTPExchange
    }

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
        /// The documented paths' probes; `nil` without a description.
        public var paths: [PathProbe]? = nil
        /// Where what every path shows is reported (``HostWide``); `nil` without a description.
        public var hostWide: Location? = nil
    }

    /// The header that carries the marker.
    static let markerHeader = "X-Scantrail-Trace"

    private let scope: SurfaceScope

    /// A check of the base URL and of what `scope` adds: the documented operations, or the
    /// places the scan learns.
    public init(_ scope: SurfaceScope = .baseURL) {
        self.scope = scope
    }

    public static let metadata = CheckMetadata(
        id: "http.methods",
        title: "TRACE and unexpected methods",
        rules: [Rules.trace, Rules.unexpectedMethods]
    )

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        let api = try await scope.api(on: target, context: context)
        let marker = "st-" + UUID().uuidString.lowercased().prefix(12)
        let traced = [HeaderField(name: Self.markerHeader, value: String(marker))]
        var traces: [HTTPExchange] = []
        for method in ["TRACE", "TRACK"] {
            traces.append(try await context.http.send(ProbeRequest(method: method, url: target.url, headers: traced)))
        }
        let options = try await context.http.send(ProbeRequest(method: "OPTIONS", url: target.url))
        var evidence = Evidence(
            location: target.location(), marker: String(marker), traces: traces, options: options)
        guard let api else { return evidence }
        let book = try await api.values(on: target, context: context)
        // One operation per path, a read where there is one: its values fill the path.
        var seen: Set<String> = []
        let operations = api.inventory.operations
        let representatives = (operations.filter { !$0.isUnsafe } + operations.filter(\.isUnsafe)).filter {
            seen.insert($0.path).inserted
        }
        let urls = representatives.map { operation in
            (operation.path, api.anonymousRequest(operation, on: target, book: book).url)
        }.filter { $0.1 != target.url }
        evidence.paths = try await context.concurrentMap(urls) { path, url in
            PathProbe(
                path: path,
                trace: try await context.http.send(ProbeRequest(method: "TRACE", url: url, headers: traced)),
                options: try await context.http.send(ProbeRequest(method: "OPTIONS", url: url)))
        }
        evidence.hostWide = HostWide.location(of: target)
        return evidence
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        let base =
            evidence.traces.map { judgeTrace($0, marker: evidence.marker, at: evidence.location) }
            + [judgeOptions(evidence.options, at: evidence.location)]
        guard let paths = evidence.paths, let hostWide = evidence.hostWide else { return base }
        let places = paths.map { Location(origin: evidence.location.origin, method: nil, path: $0.path) }
        let traces = zip(paths, places).map { judgeTrace($0.trace, marker: evidence.marker, at: $1) }
        let options = zip(paths, places).map { judgeOptions($0.options, at: $1) }
        return [(Rules.trace, traces), (Rules.unexpectedMethods, options)].flatMap { rule, outcomes in
            HostWide.aggregate(
                base.filter { $0.ruleID == rule.id } + outcomes,
                answered: outcomes.filter { $0.status != .inconclusive }.map(\.location), at: hostWide, rules: [rule])
        }
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
