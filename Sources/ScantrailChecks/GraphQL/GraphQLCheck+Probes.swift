import Foundation
import ScantrailCore

extension GraphQLCheck {
    /// How deep the depth probe nests a recursive field, how often the duplication probe repeats
    /// `__typename`, and how many directives the overloading probe puts on one field.
    static let (nesting, duplicates, directiveCount) = (12, 500, 200)

    /// One query each for depth, field duplication and directive overloading; executed (or, for
    /// directives, every one of them processed) means no limit.
    func limits(at url: String, facts: GraphQLSchemaFacts?, context: ScanContext) async throws -> [String: Answer] {
        var answers: [String: Answer] = [:]
        if let (root, field) = facts?.recursion {
            let query =
                "query{\(root)" + String(repeating: "{\(field)", count: Self.nesting) + "{__typename}"
                + String(repeating: "}", count: Self.nesting) + "}"
            answers["depth"] = Self.judgeExecuted(
                try await post(Self.body(query), to: url, context: context),
                "\(root) nested \(Self.nesting) levels deep through \(field)")
        } else {
            answers["depth"] = Answer(
                accepted: nil, detail: "no recursive type known to nest (introspection is off, or the schema has none)")
        }
        let repeated = "query{" + Array(repeating: "__typename", count: Self.duplicates).joined(separator: " ") + "}"
        answers["duplication"] = Self.judgeExecuted(
            try await post(Self.body(repeated), to: url, context: context),
            "__typename repeated \(Self.duplicates) times")
        let overloaded = "query{__typename" + String(repeating: " @stdir", count: Self.directiveCount) + "}"
        answers["directives"] = Self.judgeDirectives(try await post(Self.body(overloaded), to: url, context: context))
        return answers
    }

    /// A harmless query over GET, as a form POST and as a multipart POST — what a foreign page
    /// can send with the victim's cookies — and, with `--active`, `mutation{__typename}` over GET.
    func transports(at url: String, context: ScanContext) async throws -> [String: Answer] {
        let query = "query{__typename}"
        let encoded = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
        let boundary = "scantrail-boundary-5f1c"
        let multipart =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\n\(query)\r\n--\(boundary)--\r\n"
        let requests: [(String, ProbeRequest)] = [
            ("GET query", ProbeRequest(url: url + "?query=" + encoded(query))),
            (
                "form POST",
                ProbeRequest(
                    method: "POST", url: url,
                    headers: [HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                    body: Data("query=\(encoded(query))".utf8))
            ),
            (
                "multipart POST",
                ProbeRequest(
                    method: "POST", url: url,
                    headers: [HeaderField(name: "Content-Type", value: "multipart/form-data; boundary=\(boundary)")],
                    body: Data(multipart.utf8))
            ),
        ]
        var answers: [String: Answer] = [:]
        for (name, request) in requests {
            answers[name] = Self.judgeTransport(Self.json(try await context.http.send(request)) as? [String: Any], name)
        }
        if context.configuration.active {
            let mutation = ProbeRequest(url: url + "?query=" + encoded("mutation{__typename}"))
            answers["GET mutation"] = Self.judgeTransport(
                Self.json(try await context.http.send(mutation)) as? [String: Any], "GET mutation")
        } else {
            answers["GET mutation"] = Answer(
                accepted: nil, detail: "not tested (passive mode): a mutation is sent only with --active")
        }
        return answers
    }

    /// The root query fields' string and ID arguments, at most four, each given a quote and a
    /// syntax-breaking tail as a variable beside its usual value: the injection probes of REST
    /// parameters, on GraphQL arguments. With `--active`, the mutations' arguments too (at most
    /// four more; a mutation runs with each value, so it may change data); without, a note of
    /// those not sent.
    func arguments(at url: String, facts: GraphQLSchemaFacts?, context: ScanContext) async throws -> (
        trials: [ArgumentTrial], untried: String?
    ) {
        let queries = try await trials(of: facts?.rootFields ?? [], operation: "query", at: url, context: context)
        let mutations = (facts?.mutationType).flatMap { facts?.fields[$0] } ?? []
        guard context.configuration.active else {
            let names = Self.probed(mutations).map { "\($0.field.name)(\($0.argument.name))" }
            return (
                queries,
                names.isEmpty
                    ? nil
                    : "not tested (passive mode): mutation arguments \(names.joined(separator: ", ")) are sent only with --active"
            )
        }
        return (queries + (try await trials(of: mutations, operation: "mutation", at: url, context: context)), nil)
    }

    /// The string and ID arguments of `fields` probed, at most ``argumentLimit``: those of
    /// fields whose other required arguments can be filled.
    static func probed(_ fields: [GraphQLSchemaFacts.Field]) -> [(
        field: GraphQLSchemaFacts.Field, argument: GraphQLSchemaFacts.Argument
    )] {
        let fillable = fields.filter { $0.arguments.allSatisfy { !$0.required || sampleValue($0) != nil } }
        let pairs = fillable.flatMap { field in
            field.arguments.filter { ["String", "ID"].contains($0.named) }.map { (field: field, argument: $0) }
        }
        return Array(pairs.prefix(argumentLimit))
    }

    /// The trials of `fields`' probed arguments, sent as `operation` (`query`, `mutation`); a
    /// mutation's trial is named `mutation rename(name)`.
    private func trials(
        of fields: [GraphQLSchemaFacts.Field], operation: String, at url: String, context: ScanContext
    ) async throws -> [ArgumentTrial] {
        var trials: [ArgumentTrial] = []
        for (field, argument) in Self.probed(fields) {
            func send(_ name: String, _ value: String) async throws -> ExchangeRecord {
                let exchange = try await context.http.send(
                    ProbeRequest(
                        method: "POST", url: url,
                        headers: [HeaderField(name: "Content-Type", value: "application/json")],
                        body: Self.argumentQuery(field, varying: argument, with: value, operation: operation)))
                return ExchangeRecord(exchange, sentAs: name, secrets: [])
            }
            let usual = try await send("usual value", "scantrail")
            var provoked = [try await send("quote", "scantrail'")]
            if InjectionCheck.databaseError(in: provoked[0]) == nil {
                provoked.append(try await send("syntax-breaking", "scantrail\")\\("))
            }
            let name = (operation == "query" ? "" : operation + " ") + "\(field.name)(\(argument.name))"
            trials.append(ArgumentTrial(field: name, usual: usual, provocations: provoked))
        }
        return trials
    }

    /// Arguments probed per endpoint.
    static let argumentLimit = 4

    /// A value for a required argument beside the one varied; `nil` for a type it cannot fill.
    static func sampleValue(_ argument: GraphQLSchemaFacts.Argument) -> Any? {
        switch argument.named {
        case "String", "ID": "1"
        case "Int": 1
        case "Float": 1.5
        case "Boolean": true
        default: nil
        }
    }

    /// `{"query":"query($a:String!){field(a:$a){__typename}}","variables":{…}}` with `value` for
    /// `varied` and samples for the other required arguments; `operation` is `query` or `mutation`.
    static func argumentQuery(
        _ field: GraphQLSchemaFacts.Field, varying varied: GraphQLSchemaFacts.Argument, with value: String,
        operation: String = "query"
    ) -> Data {
        let used = field.arguments.filter { $0 == varied || $0.required }
        let declarations = used.map { "$\($0.name):\($0.declaration)" }.joined(separator: ",")
        let passed = used.map { "\($0.name):$\($0.name)" }.joined(separator: ",")
        let selection = field.isObject ? "{__typename}" : ""
        var variables: [String: Any] = [:]
        for argument in used { variables[argument.name] = argument == varied ? value : sampleValue(argument) }
        let body: [String: Any] = [
            "query": "\(operation)(\(declarations)){\(field.name)(\(passed))\(selection)}", "variables": variables,
        ]
        return (try? JSONSerialization.data(withJSONObject: body, options: .sortedKeys)) ?? Data()
    }

    /// `{"query": query}` as JSON text.
    static func body(_ query: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: ["query": query])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Executed: data without errors.
    static func judgeExecuted(_ json: [String: Any]?, _ what: String) -> Answer {
        guard let json else { return Answer(accepted: nil, detail: "no JSON answer") }
        let errors = json["errors"] as? [[String: Any]] ?? []
        if let data = json["data"] as? [String: Any], !data.isEmpty, errors.isEmpty {
            return Answer(accepted: true, detail: "executed: \(what)")
        }
        let message = errors.first?["message"] as? String ?? "no data"
        return Answer(accepted: false, detail: "refused: \(String(message.prefix(120)))")
    }

    /// Every directive processed (an error each, or the server's error limit reached), or the
    /// query executed with them all: no limit. A few errors: a limit stopped it.
    static func judgeDirectives(_ json: [String: Any]?) -> Answer {
        guard let json else { return Answer(accepted: nil, detail: "no JSON answer") }
        let messages = (json["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        let naming = messages.count { $0.contains("stdir") }
        if naming >= 50 || messages.contains(where: { $0.localizedCaseInsensitiveContains("error limit") }) {
            return Answer(
                accepted: true,
                detail: "\(directiveCount) directives on one field were all processed: \(messages.count) errors")
        }
        if messages.isEmpty, json["data"] is [String: Any] {
            return Answer(accepted: true, detail: "\(directiveCount) directives on one field were accepted")
        }
        if !messages.isEmpty, messages.count < 10 {
            return Answer(accepted: false, detail: "refused: \(String(messages[0].prefix(120)))")
        }
        return Answer(accepted: nil, detail: "\(messages.count) errors: neither every directive nor a limit")
    }

    /// A transport that gets `__typename` back carries queries.
    static func judgeTransport(_ json: [String: Any]?, _ name: String) -> Answer {
        if let typename = (json?["data"] as? [String: Any])?["__typename"] as? String {
            return Answer(accepted: true, detail: "\(name) was executed (__typename: \(typename))")
        }
        let message = ((json?["errors"] as? [[String: Any]])?.first?["message"] as? String).map {
            String($0.prefix(120))
        }
        return Answer(accepted: false, detail: "\(name) was not executed" + (message.map { ": \($0)" } ?? ""))
    }
}

extension GraphQLCheck {
    /// What development mode leaves on: tracing in the `extensions` of an answer, a stack trace
    /// on a malformed query, and an in-browser IDE (GraphiQL, Playground, Altair, Apollo Sandbox)
    /// served to a browser's GET.
    func debugOutput(at url: String, typename: [String: Any]?, context: ScanContext) async throws -> [String: Answer] {
        var answers: [String: Answer] = [:]
        let extensions = (typename?["extensions"] as? [String: Any])?.keys.sorted() ?? []
        let traced = extensions.filter { ["tracing", "ftv1", "cacheControl", "debug"].contains($0) }
        answers["tracing"] =
            typename == nil
            ? Answer(accepted: nil, detail: "no JSON answer")
            : Answer(
                accepted: !traced.isEmpty,
                detail: traced.isEmpty
                    ? "no tracing in the answer's extensions" : "the answer carries \(traced.joined(separator: ", "))")
        let malformed = try await post(#"{"query":"query{"}"#, to: url, context: context)
        answers["stack trace"] = Self.judgeStackTrace(malformed)
        let page = try await context.http.send(
            ProbeRequest(url: url, headers: [HeaderField(name: "Accept", value: "text/html")]))
        answers["IDE"] = Self.judgeIDE(page)
        return answers
    }

    /// Names of the in-browser GraphQL IDEs, as their pages say them.
    static let ideNames = ["graphiql", "graphql playground", "graphql-playground", "altair", "apollo sandbox"]

    /// A stack trace in `errors[].extensions` or in the messages.
    static func judgeStackTrace(_ json: [String: Any]?) -> Answer {
        guard let json else { return Answer(accepted: nil, detail: "no JSON answer") }
        let errors = json["errors"] as? [[String: Any]] ?? []
        let traced = errors.contains { error in
            let extensions = error["extensions"] as? [String: Any]
            let exception = extensions?["exception"] as? [String: Any]
            return exception?["stacktrace"] != nil || extensions?["stacktrace"] != nil
        }
        let text = errors.compactMap { $0["message"] as? String }.joined(separator: "\n")
        if traced || VerboseErrorCheck.signs(in: text).contains(where: { $0.kind == "stack-trace" }) {
            return Answer(accepted: true, detail: "a malformed query got a stack trace in its errors")
        }
        return Answer(accepted: false, detail: "a malformed query got errors without a stack trace")
    }

    /// An IDE page in answer to a browser's GET.
    static func judgeIDE(_ exchange: HTTPExchange) -> Answer {
        guard let response = exchange.response else {
            return Answer(accepted: nil, detail: exchange.inconclusiveReason ?? "no response")
        }
        let body = String(decoding: response.body.prefix(64 * 1024), as: UTF8.self).lowercased()
        if response.status == 200, response.mediaType?.contains("html") == true,
            let name = ideNames.first(where: body.contains)
        {
            return Answer(accepted: true, detail: "a browser's GET gets the \(name) IDE")
        }
        return Answer(accepted: false, detail: "a browser's GET gets \(response.status), no IDE")
    }

    /// One argument's injection trial.
    public struct ArgumentTrial: Codable, Sendable {
        /// `search(term)`.
        public let field: String
        /// The answer to the usual value.
        public let usual: ExchangeRecord
        /// `quote`, then `syntax-breaking` when the quote showed no database error.
        public let provocations: [ExchangeRecord]
    }
}
