import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// Provokes errors harmlessly — malformed JSON, an unknown content type, an overlong parameter,
/// quote characters in the path — and looks for stack traces, framework debug pages and database
/// error messages in the answers, naming the framework. With a description, each documented
/// operation with parameters gets quotes in all of them (as its first identity), and with
/// `--active` each operation taking JSON gets a malformed body; errors every operation leaks are
/// one finding for the host (``HostWide``).
public struct VerboseErrorCheck: SecurityCheck {
    /// One provocation and the signs found in its answer.
    public struct Provocation: Codable, Sendable {
        /// Which provocation.
        public let name: String
        /// The documented operation provoked (`GET /users/{id}`); `nil` for the base URL's.
        public var operation: String? = nil
        /// Method sent.
        public let method: String
        /// Path sent (query included).
        public let path: String
        /// Status received.
        public let status: Int?
        /// Why it could not be judged.
        public let inconclusive: String?
        /// Signs found: `kind`, `source` and a short excerpt around the match.
        public let signs: [Sign]
    }

    /// A sign of a leak.
    public struct Sign: Codable, Sendable, Hashable {
        /// `stack-trace` or `sql-error`.
        public let kind: String
        /// The framework or database.
        public let source: String
        /// Up to 120 characters around the match.
        public let excerpt: String
    }

    /// Everything provoked.
    public struct Evidence: Codable, Sendable {
        /// The origin.
        public let origin: String
        /// One entry per provocation.
        public let provocations: [Provocation]
        /// Where errors every operation leaks are reported (``HostWide``); `nil` without a description.
        public var hostWide: Location? = nil
    }

    private let scope: SurfaceScope

    /// A check of the base URL and of what `scope` adds: the documented operations, or the
    /// places the scan learns.
    public init(_ scope: SurfaceScope = .baseURL) {
        self.scope = scope
    }

    public static let metadata = CheckMetadata(
        id: "errors.verbose",
        title: "Verbose errors and stack traces",
        rules: [Rules.stackTrace, Rules.sqlError]
    )

    /// The harmless requests that tend to make an API fail.
    static func provocations(for target: ScanTarget) -> [(name: String, request: ProbeRequest, path: String)] {
        let base = target.basePath
        let json = [HeaderField(name: "Content-Type", value: "application/json")]
        let long = String(repeating: "A", count: 4096)
        let quoted = base + (base.hasSuffix("/") ? "" : "/") + "scantrail'\"%3C%3E"
        return [
            (
                "malformed-json",
                ProbeRequest(method: "POST", url: target.url, headers: json, body: Data(#"{"a":"#.utf8)), base
            ),
            (
                "unknown-content-type",
                ProbeRequest(
                    method: "POST", url: target.url,
                    headers: [HeaderField(name: "Content-Type", value: "application/x-scantrail")],
                    body: Data("\u{0}\u{1}".utf8)),
                base
            ),
            (
                "overlong-parameter", ProbeRequest(url: target.url(path: base + "?id=\(long)&page=-1")),
                base + "?id=…&page=-1"
            ),
            ("quote-in-path", ProbeRequest(url: target.url(path: quoted + "?id=1'")), quoted + "?id=1'"),
        ]
    }

    /// The provocations of `api`'s operations: quotes in every parameter of those that have
    /// some, and with `active` a malformed body for those that take JSON, at a path filled from
    /// `book` as the identity the provocation is sent as.
    static func provocations(of api: APIUnderTest, on target: ScanTarget, active: Bool, book: RequestValues)
        -> [(name: String, operation: APIOperation, request: ProbeRequest)]
    {
        api.inventory.operations.flatMap { operation -> [(String, APIOperation, ProbeRequest)] in
            guard !operation.isUnsafe || active else { return [] }
            var provoked: [(String, APIOperation, ProbeRequest)] = []
            let quoted = operation.parameters.filter { $0.location != .header }
            if !quoted.isEmpty {
                let values = Dictionary(quoted.map { ($0.name, "scantrail'\"<>") }, uniquingKeysWith: { a, _ in a })
                provoked.append(
                    (
                        "quote-in-parameters", operation,
                        api.request(operation, on: target, values: values, credential: nil)
                    ))
            }
            if operation.isUnsafe, operation.requestBody?.mediaType.contains("json") == true {
                var request = api.anonymousRequest(operation, on: target, book: book)
                request.body = Data(#"{"a":"#.utf8)
                provoked.append(("malformed-json", operation, request))
            }
            return provoked
        }
    }

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        let api = try await scope.api(on: target, context: context)
        let base = Self.provocations(for: target).map { ($0.name, nil as APIOperation?, $0.request, $0.path) }
        var documented: [(name: String, operation: APIOperation, request: ProbeRequest)] = []
        if let api {
            let book = try await api.values(on: target, context: context)
            documented = Self.provocations(of: api, on: target, active: context.configuration.active, book: book)
        }
        let sent = base + documented.map { ($0.name, $0.operation, $0.request, Redaction.url($0.request.url)) }
        let identity = api?.identities.first
        let provocations = try await context.concurrentMap(sent) { name, operation, request, path in
            // A secured operation is provoked as the first identity, so the input reaches the handler.
            let credential = operation?.isSecured == true ? try await identity?.currentCredential() : nil
            let exchange = try await context.http.send(Identity.apply(credential, to: request))
            let body = exchange.response.map { String(decoding: $0.body, as: UTF8.self) } ?? ""
            return Provocation(
                name: name, operation: operation?.label, method: request.method, path: path,
                status: exchange.response?.status, inconclusive: exchange.inconclusiveReason,
                signs: Self.signs(in: body))
        }
        return Evidence(
            origin: target.origin, provocations: provocations, hostWide: api.map { _ in HostWide.location(of: target) })
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        let outcomes = evidence.provocations.flatMap { provocation in
            let location =
                provocation.operation.map {
                    Location(origin: evidence.origin, operation: $0, discriminator: provocation.name)
                }
                ?? Location(
                    origin: evidence.origin, method: provocation.method, path: provocation.path,
                    discriminator: provocation.name)
            return [
                judge(provocation, on: Rules.stackTrace, kind: .stackTrace, at: location),
                judge(provocation, on: Rules.sqlError, kind: .sqlError, at: location),
            ]
        }
        guard let hostWide = evidence.hostWide else { return outcomes }
        let answered = evidence.provocations.filter { $0.inconclusive == nil }.compactMap {
            $0.operation.map { Location(origin: evidence.origin, operation: $0) }
        }
        return HostWide.aggregate(
            outcomes, answered: answered, at: hostWide, rules: Self.metadata.rules, perTrial: true)
    }

    private func judge(_ provocation: Provocation, on rule: Rule, kind: ErrorSignature.Kind, at location: Location)
        -> Outcome
    {
        if let reason = provocation.inconclusive {
            return .inconclusive(rule, at: location, reason)
        }
        let name = kind.rawValue.replacingOccurrences(of: "-", with: " ")
        let status = provocation.status ?? 0
        let found = provocation.signs.filter { $0.kind == kind.rawValue }
        guard let first = found.first else {
            return .passed(rule, at: location, "answered \(status) without \(name)")
        }
        let sources = Set(found.map(\.source)).sorted().joined(separator: ", ")
        return .failed(rule, at: location, "answered \(status) with a \(sources) \(name): \(first.excerpt)")
    }

    /// Every signature found in `body`, with an excerpt around its first match.
    static func signs(in body: String) -> [Sign] {
        ErrorSignature.all.compactMap { signature in
            guard let range = body.range(of: signature.pattern, options: .regularExpression) else { return nil }
            let start = body.index(range.lowerBound, offsetBy: -30, limitedBy: body.startIndex) ?? body.startIndex
            let end = body.index(range.lowerBound, offsetBy: 90, limitedBy: body.endIndex) ?? body.endIndex
            let excerpt = body[start..<end].replacingOccurrences(of: "\n", with: " ").trimmed
            return Sign(kind: signature.kind.rawValue, source: signature.source, excerpt: excerpt)
        }
    }
}

extension VerboseErrorCheck {
    /// The rules this check reports.
    public enum Rules {
        /// A stack trace or debug page.
        public static let stackTrace = Rule(
            id: "errors.stack-trace",
            title: "Errors reveal stack traces or debug pages",
            severity: .medium,
            description: """
                A malformed but harmless request makes the API answer with a stack trace or a framework debug page: \
                file paths, code, library versions and sometimes configuration, all useful to an attacker.
                """,
            remediation:
                "Turn off debug mode in production and answer errors with a generic body (e.g. RFC 9457 problem details) while logging details server-side.",
            references: ["https://cwe.mitre.org/data/definitions/209.html"],
            mapping: ControlMapping(tsc: [.cc7_1], owasp: [.api8], cwe: [CWE(209), CWE(215)])
        )

        /// A database error message.
        public static let sqlError = Rule(
            id: "errors.sql-error",
            title: "Errors reveal database messages",
            severity: .medium,
            description: """
                A quote or malformed input makes the API answer with the database's own error message. It reveals the \
                schema and engine, and often that input reaches SQL unescaped: a strong hint of SQL injection.
                """,
            remediation: "Use parameterised queries everywhere and never return database errors to clients.",
            references: ["https://cwe.mitre.org/data/definitions/209.html"],
            mapping: ControlMapping(tsc: [.cc7_1, .cc6_1], owasp: [.api8], cwe: [CWE(209), CWE(89)])
        )
    }
}
