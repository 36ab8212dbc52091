import Foundation
import ScantrailCore

/// Looks for a GraphQL endpoint at the common paths with a harmless `{__typename}` query, and
/// where one answers, tries introspection, misspelled real fields (for "Did you mean" suggestions),
/// a batch of ten queries and a hundred aliases; one deep, one duplicated and one
/// directive-laden query; the harmless query over GET and as form and multipart posts (and, with
/// `--active`, `mutation{__typename}` over GET); and a quote in the root fields' string
/// arguments (with `--active`, the mutations' too). Read-only queries only, unless `--active`.
public struct GraphQLCheck: SecurityCheck {
    /// Where endpoints are looked for.
    static let paths = ["/graphql", "/api/graphql", "/v1/graphql", "/query"]
    /// How many queries a batch carries, and how many aliases one query.
    static let batchSize = 10
    static let aliasCount = 100

    /// What one endpoint answered.
    public struct Endpoint: Codable, Sendable {
        /// Its path.
        public let path: String
        /// Whether the introspection query returned a schema without errors.
        public let introspection: Answer
        /// Whether a misspelled field drew a "Did you mean" suggestion.
        public let suggestions: Answer
        /// Whether a batch of ten queries was answered with ten results.
        public let batching: Answer
        /// Whether a hundred aliases were all answered.
        public let aliases: Answer
        /// `depth`, `duplication`, `directives`: whether an overloaded query was executed
        /// (`nil` in evidence recorded before they were tried).
        public let limits: [String: Answer]?
        /// `GET query`, `form POST`, `multipart POST`, `GET mutation`: whether a query a foreign
        /// page can send was executed.
        public let transports: [String: Answer]?
        /// Whether the site takes ambient credentials: a cookie set by the endpoint's answers or
        /// any other answer of the scan on the origin (`nil` in evidence recorded before).
        public var setsCookies: Bool? = nil
        /// The root fields' string and ID arguments, probed for injection (with `--active`, the
        /// mutations' too: `mutation rename(name)`).
        public let arguments: [ArgumentTrial]?
        /// The mutations' arguments not sent, and why (passive mode); `nil` when none were left.
        public var untriedArguments: String? = nil
        /// `tracing`, `stack trace`, `IDE`: what development mode leaves on.
        public let debug: [String: Answer]?
    }

    /// One probe's verdict: `yes`, `no`, or why it could not be told.
    public struct Answer: Codable, Sendable, Hashable {
        /// Whether the server did it; `nil` when it could not be told.
        public let accepted: Bool?
        /// What was seen, or why nothing could be.
        public let detail: String
    }

    /// A path tried where no GraphQL endpoint answered.
    public struct Absence: Codable, Sendable {
        /// Its path.
        public let path: String
        /// Why no endpoint is there: the server's answer (`404`, `not GraphQL`), or `nil` with
        /// `detail` the failure when no answer came.
        public let status: Int?
        /// What was seen.
        public let detail: String
    }

    /// Every endpoint found.
    public struct Evidence: Codable, Sendable {
        /// The origin.
        public let origin: String
        /// The paths tried.
        public let tried: [String]
        /// The endpoints that answered `{__typename}`.
        public let endpoints: [Endpoint]
        /// The paths tried where none did (`nil` in evidence recorded before it was kept).
        public let absent: [Absence]?
    }

    /// Creates the check.
    public init() {}

    public static let metadata = CheckMetadata(
        id: "graphql.posture",
        title: "GraphQL introspection, suggestions, batching, query limits, transports and arguments",
        rules: [
            Rules.introspection, Rules.suggestions, Rules.batching, Rules.queryLimits, Rules.crossSiteRequests,
            Rules.sqlError, Rules.debugOutput,
        ]
    )

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        var endpoints: [Endpoint] = []
        var absent: [Absence] = []
        for path in Self.paths {
            let url = target.url(path: path)
            let exchange = try await send(#"{"query":"query{__typename}"}"#, to: url, context: context)
            let probe = Self.json(exchange) as? [String: Any]
            guard let data = (probe?["data"] as? [String: Any]), data["__typename"] is String else {
                let status = exchange.inconclusiveReason == nil ? exchange.response?.status : nil
                absent.append(
                    Absence(
                        path: path, status: status,
                        detail: status.map { "POST \(path) answered \($0) without a GraphQL result" }
                            ?? exchange.inconclusiveReason ?? "no response"))
                continue
            }
            let schema = try await post(Self.body(GraphQLSchemaFacts.query), to: url, context: context)
            let facts = GraphQLSchemaFacts(schema)
            let aliasQuery = (0..<Self.aliasCount).map { "a\($0):__typename" }.joined(separator: " ")
            let batch =
                "[" + Array(repeating: #"{"query":"query{__typename}"}"#, count: Self.batchSize).joined(separator: ",")
                + "]"
            let arguments = try await arguments(at: url, facts: facts, context: context)
            endpoints.append(
                Endpoint(
                    path: path,
                    introspection: Self.judgeIntrospection(schema),
                    suggestions: try await suggestions(at: url, facts: facts, context: context),
                    batching: Self.judgeBatch(try await postRaw(batch, to: url, context: context)),
                    aliases: Self.judgeAliases(
                        try await post(#"{"query":"query{\#(aliasQuery)}"}"#, to: url, context: context)),
                    limits: try await limits(at: url, facts: facts, context: context),
                    transports: try await transports(at: url, context: context),
                    setsCookies: Self.setsCookies(on: target, exchange, context.responses),
                    arguments: arguments.trials, untriedArguments: arguments.untried,
                    debug: try await debugOutput(at: url, typename: probe, context: context)
                ))
        }
        return Evidence(origin: target.origin, tried: Self.paths, endpoints: endpoints, absent: absent)
    }

    /// Root fields guessed when introspection is off: the names most schemas have.
    static let commonFields = ["user", "users", "me", "viewer", "search", "node"]

    /// Misspells real root fields — from introspection, or common names the server shows it has —
    /// and looks for "Did you mean" in the answer; inconclusive when no real field could be tried
    /// (misspelling a meta field such as `__typename` proves nothing: servers do not suggest those).
    private func suggestions(at url: String, facts: GraphQLSchemaFacts?, context: ScanContext) async throws -> Answer {
        var fields = Array((facts?.rootFields ?? []).map(\.name).filter { !$0.hasPrefix("__") }.prefix(2))
        if fields.isEmpty {
            // How this server answers a field that surely does not exist, to tell real ones apart.
            let unknownName = "stnofield"
            let unknown = Self.errors(try await post(Self.query(unknownName), to: url, context: context), unknownName)
            for name in Self.commonFields where fields.count < 2 {
                let answer = try await post(Self.query(name), to: url, context: context)
                if Self.fieldExists(name, answer, unknownAnswer: unknown) { fields.append(name) }
            }
        }
        guard !fields.isEmpty else {
            return Answer(
                accepted: nil,
                detail: "no real field could be misspelled: introspection is off and none of "
                    + "\(Self.commonFields.joined(separator: ", ")) exists")
        }
        var tried: [String] = []
        for field in fields {
            let misspelled = field + "x"
            tried.append(misspelled)
            let answer = Self.judgeSuggestions(try await post(Self.query(misspelled), to: url, context: context))
            if answer.accepted != false { return answer }
        }
        return Answer(
            accepted: false,
            detail: "no suggestion for \(tried.joined(separator: ", ")) (misspellings of the real fields "
                + "\(fields.joined(separator: ", ")))")
    }

    /// A query of one root field.
    static func query(_ field: String) -> String { #"{"query":"query{\#(field)}"}"# }

    /// The error messages of an answer to `query{field}`, the field's name blanked; `nil` without JSON.
    static func errors(_ json: [String: Any]?, _ field: String) -> [String]? {
        guard let json else { return nil }
        return (json["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            .map { $0.replacingOccurrences(of: field, with: "{field}") }
    }

    /// Whether the answer to `query{name}` shows the field exists: data for it, or errors other
    /// than those a field that does not exist gets (a selection or an argument it needs).
    static func fieldExists(_ name: String, _ json: [String: Any]?, unknownAnswer: [String]?) -> Bool {
        guard let json, let unknownAnswer else { return false }
        if let data = json["data"] as? [String: Any], data.keys.contains(name) { return true }
        guard let messages = errors(json, name), !messages.isEmpty else { return false }
        return messages != unknownAnswer
    }

    private func send(_ body: String, to url: String, context: ScanContext) async throws -> HTTPExchange {
        try await context.http.send(
            ProbeRequest(
                method: "POST", url: url, headers: [HeaderField(name: "Content-Type", value: "application/json")],
                body: Data(body.utf8)))
    }

    /// The JSON an exchange's answer carries, or `nil`.
    static func json(_ exchange: HTTPExchange) -> Any? {
        guard exchange.inconclusiveReason == nil, let body = exchange.response?.body else { return nil }
        return try? JSONSerialization.jsonObject(with: body)
    }

    private func postRaw(_ body: String, to url: String, context: ScanContext) async throws -> Any? {
        Self.json(try await send(body, to: url, context: context))
    }

    func post(_ body: String, to url: String, context: ScanContext) async throws -> [String: Any]? {
        try await postRaw(body, to: url, context: context) as? [String: Any]
    }

    static func judgeIntrospection(_ json: [String: Any]?) -> Answer {
        guard let json else { return Answer(accepted: nil, detail: "no JSON answer") }
        let schema = (json["data"] as? [String: Any])?["__schema"] as? [String: Any]
        if let types = schema?["types"] as? [Any] {
            return Answer(accepted: true, detail: "the schema came back with \(types.count) types")
        }
        return Answer(accepted: false, detail: "introspection refused")
    }

    static func judgeSuggestions(_ json: [String: Any]?) -> Answer {
        guard let json else { return Answer(accepted: nil, detail: "no JSON answer") }
        let messages = (json["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        if let suggestion = messages.first(where: { $0.contains("Did you mean") }) {
            return Answer(accepted: true, detail: String(suggestion.prefix(120)))
        }
        return Answer(accepted: false, detail: messages.first.map { String($0.prefix(120)) } ?? "no suggestion")
    }

    static func judgeBatch(_ json: Any?) -> Answer {
        guard let json else { return Answer(accepted: nil, detail: "no JSON answer") }
        if let results = json as? [Any], results.count == batchSize {
            return Answer(accepted: true, detail: "a batch of \(batchSize) queries got \(results.count) results")
        }
        return Answer(accepted: false, detail: "the batch was refused")
    }

    static func judgeAliases(_ json: [String: Any]?) -> Answer {
        guard let json else { return Answer(accepted: nil, detail: "no JSON answer") }
        let answered = (json["data"] as? [String: Any])?.count ?? 0
        if answered >= aliasCount {
            return Answer(accepted: true, detail: "\(aliasCount) aliases in one query were all answered")
        }
        return Answer(accepted: false, detail: "\(aliasCount) aliases were refused or cut to \(answered)")
    }

    /// Judges every endpoint found; a path that answered without GraphQL is not applicable for
    /// every rule (which closes findings at an endpoint that is gone), and one that did not
    /// answer is inconclusive.
    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        let missing = (evidence.absent ?? []).flatMap { absence in
            let location = Location(origin: evidence.origin, method: "POST", path: absence.path)
            return Self.metadata.rules.map { rule in
                absence.status == nil
                    ? Outcome.inconclusive(rule, at: location, absence.detail)
                    : Outcome.notApplicable(rule, at: location, absence.detail)
            }
        }
        return missing + evidence.endpoints.flatMap { Self.outcomes($0, evidence.origin) }
    }

    /// Every outcome at one endpoint.
    static func outcomes(_ endpoint: Endpoint, _ origin: String) -> [Outcome] {
        let location = Location(origin: origin, method: "POST", path: endpoint.path)
        let posture: [Outcome] = [
            outcome(Rules.introspection, endpoint.introspection, at: location),
            outcome(Rules.suggestions, endpoint.suggestions, at: location),
            outcome(Rules.batching, endpoint.batching, at: location.with(discriminator: "batch")),
            outcome(Rules.batching, endpoint.aliases, at: location.with(discriminator: "aliases")),
        ]
        let named: [Outcome] =
            outcomes(Rules.queryLimits, endpoint.limits, at: location)
            + (endpoint.transports ?? [:]).sorted { $0.key < $1.key }.map { transport, answer in
                crossSite(transport, answer, setsCookies: endpoint.setsCookies, at: location)
            }
            + outcomes(Rules.debugOutput, endpoint.debug, at: location)
        let arguments: [Outcome] =
            (endpoint.arguments ?? []).map { judge($0, at: location.with(discriminator: $0.field)) }
            + (endpoint.untriedArguments.map {
                [.inconclusive(Rules.sqlError, at: location.with(discriminator: "mutations"), $0)]
            } ?? [])
        return posture + named + arguments
    }

    /// The cross-site verdict of one transport. GraphQL over HTTP allows a query over GET (it
    /// changes nothing); a mutation over GET fails; a form or multipart post executed fails when
    /// the site takes cookies — a foreign page's post carries them — and is inconclusive when no
    /// cookie was seen, since then it is not known to act as anyone.
    static func crossSite(_ transport: String, _ answer: Answer, setsCookies: Bool?, at location: Location)
        -> Outcome
    {
        let rule = Rules.crossSiteRequests
        let place = location.with(discriminator: transport)
        switch (transport, answer.accepted) {
        case ("GET query", .some(true)):
            return .passed(
                rule, at: place, "\(answer.detail); GraphQL over HTTP allows queries over GET: they change nothing")
        case ("form POST", .some(true)), ("multipart POST", .some(true)):
            guard setsCookies == true else {
                return .inconclusive(
                    rule, at: place,
                    "\(answer.detail), but no answer on the site set a cookie: a foreign page's post is not known to carry credentials"
                )
            }
            return .failed(rule, at: place, "\(answer.detail), and the site sets cookies a foreign page's post carries")
        default:
            return outcome(rule, answer, at: place)
        }
    }

    /// Whether `exchange` (the endpoint's own answer) or any answer the scan kept from
    /// `target`'s origin set a cookie.
    static func setsCookies(on target: ScanTarget, _ exchange: HTTPExchange, _ responses: ResponseLog) -> Bool {
        let sets = { (response: HTTPExchange.Response?) in response?.headers.first("Set-Cookie") != nil }
        let site = [target.origin + "/", target.url(path: "/")]
        return sets(exchange.response)
            || responses.entries.contains { entry in site.contains { entry.url.hasPrefix($0) } && sets(entry.response) }
    }

    /// One outcome per named answer, at the name.
    static func outcomes(_ rule: Rule, _ answers: [String: Answer]?, at location: Location) -> [Outcome] {
        (answers ?? [:]).keys.sorted().map { outcome(rule, answers![$0]!, at: location.with(discriminator: $0)) }
    }

    /// A database error the quote or the syntax-breaking value brings, and the usual value does
    /// not, fails; one the usual value shows too is inconclusive.
    static func judge(_ trial: ArgumentTrial, at location: Location) -> Outcome {
        if let error = InjectionCheck.databaseError(in: trial.usual) {
            return .inconclusive(
                Rules.sqlError, at: location, "the usual value already shows a \(error.source) error: \(error.excerpt)")
        }
        guard let provoked = trial.provocations.first(where: { InjectionCheck.databaseError(in: $0) != nil }),
            let error = InjectionCheck.databaseError(in: provoked)
        else {
            let names = trial.provocations.map(\.sentAs).joined(separator: ", ")
            return .passed(Rules.sqlError, at: location, "\(names): no database error in the answer")
        }
        return .failed(
            Rules.sqlError, at: location, "\(provoked.sentAs): a \(error.source) error in the answer (\(error.excerpt))"
        )
    }

    static func outcome(_ rule: Rule, _ answer: Answer, at location: Location) -> Outcome {
        switch answer.accepted {
        case .some(true): .failed(rule, at: location, answer.detail)
        case .some(false): .passed(rule, at: location, answer.detail)
        case .none: .inconclusive(rule, at: location, answer.detail)
        }
    }
}
