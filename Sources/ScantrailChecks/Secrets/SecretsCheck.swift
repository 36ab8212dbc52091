import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// Reads every successful response the scan received (and the base URL's) for credentials,
/// password hashes and sensitive fields. Runs after the other checks. Evidence keeps each match
/// masked — never the secret itself.
public struct SecretsCheck: SecurityCheck {
    /// One response inspected.
    public struct Inspected: Codable, Sendable {
        /// Method of the request.
        public let method: String
        /// Path (and query) requested.
        public let path: String
        /// What was found, masked.
        public let matches: [Match]
        /// The credentials a login or token operation issued in its own answer, masked: what it
        /// is there for, not a leak (`nil` in evidence recorded before they were told apart).
        public let issued: [Match]?
        /// Credentials in an API description, tried against its secured operations: a live one
        /// stays among the matches, one the API refuses is only an example.
        public let examples: [DocumentedExample]?
        /// The documented operation the response answers (`GET /users/{id}`), when the scan
        /// has a description and one matches: its outcomes are that operation's.
        public var operation: String? = nil
    }

    /// One masked match.
    public struct Match: Codable, Sendable, Hashable {
        /// `credential`, `password-hash` or `sensitive-field`.
        public let kind: String
        /// What it is.
        public let name: String
        /// The matched value: first 4 characters, the rest masked.
        public let masked: String
    }

    /// Everything inspected.
    public struct Evidence: Codable, Sendable {
        /// The origin.
        public let origin: String
        /// Every successful response inspected.
        public let inspected: [Inspected]
        /// Responses the scan received after its response log was full, not inspected.
        public let notInspected: Int
    }

    private let scope: SurfaceScope

    /// A check of every answer the scan received; with what `scope` adds (the documented
    /// operations, or the places the scan learns), each answer is judged at the operation it
    /// answers, all of that operation's answers together.
    public init(_ scope: SurfaceScope = .baseURL) {
        self.scope = scope
    }

    public static let metadata = CheckMetadata(
        id: "secrets.responses",
        title: "Secrets and sensitive data in responses",
        rules: [Rules.credential, Rules.passwordHash, Rules.sensitiveField],
        phase: .review
    )

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        let api = try await scope.api(on: target, context: context)
        context.responses.record(try await context.http.send(ProbeRequest(url: target.url, followRedirects: true)))
        let entries = context.responses.entries.filter { URL(string: $0.url)?.host?.lowercased() == target.host }.map {
            entry in
            let components = URLComponents(string: entry.url)
            let path =
                (components?.path.isEmpty == false ? components!.path : "/")
                + (components?.query.map { "?" + $0 } ?? "")
            return (entry, Redaction.url(path))
        }
        var inspected: [Inspected] = []
        let base = api?.basePath(of: target) ?? ""
        for (entry, path) in entries {
            let examples = try await Self.documentedExamples(in: entry.response.body, on: target, context: context)
            var answer = Self.inspect(method: entry.method, path: path, body: entry.response.body, examples: examples)
            let relative = URLComponents(string: entry.url)?.path ?? path
            if relative.hasPrefix(base) {
                answer.operation =
                    api?.inventory.operation(method: entry.method, path: String(relative.dropFirst(base.count)))?
                    .label
            }
            inspected.append(answer)
        }
        return Evidence(origin: target.origin, inspected: inspected, notInspected: context.responses.dropped)
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        Self.perOperation(evidence.inspected.flatMap { judge($0, evidence.origin) })
    }

    /// The outcomes of one answer: at its documented operation (the path it was asked at
    /// leading each detail), else at that path.
    private func judge(_ inspected: Inspected, _ origin: String) -> [Outcome] {
        let location =
            inspected.operation.map { Location(origin: origin, operation: $0) }
            ?? Location(origin: origin, method: inspected.method, path: inspected.path)
        let asked = inspected.operation == nil ? "" : "\(inspected.path): "
        return [
            (Rules.credential, SecretPattern.Kind.credential), (Rules.passwordHash, .passwordHash),
            (Rules.sensitiveField, .sensitiveField),
        ].map { rule, kind in
            let found = inspected.matches.filter { $0.kind == kind.rawValue }
            let examples = kind == .credential ? inspected.examples ?? [] : []
            if found.isEmpty, let untold = examples.first(where: { $0.live == nil }) {
                return Outcome.inconclusive(
                    rule, at: location,
                    asked + "a documentation example, \(untold.name) \(untold.masked): \(untold.detail)")
            }
            if found.isEmpty, !examples.isEmpty {
                return Outcome.passed(
                    rule, at: location,
                    asked + "only documentation examples the API refuses: "
                        + examples.map { "\($0.name) \($0.masked) (\($0.detail))" }.joined(separator: ", "))
            }
            guard !found.isEmpty else {
                let issued = (inspected.issued ?? []).filter { $0.kind == kind.rawValue }
                return Outcome.passed(
                    rule, at: location,
                    asked
                        + (issued.isEmpty
                            ? "none in the response"
                            : "only what this login or token operation issues: "
                                + issued.map { "\($0.name) \($0.masked)" }.joined(separator: ", ")))
            }
            let listed = found.prefix(5).map { "\($0.name) \($0.masked)" }.joined(separator: ", ")
            return Outcome.failed(rule, at: location, asked + "\(found.count) found: \(listed)")
        }
    }

    /// One outcome per rule and place: of an operation's several answers, the gravest
    /// (failed beats passed beats not applicable beats inconclusive), failures joined.
    static func perOperation(_ outcomes: [Outcome]) -> [Outcome] {
        var order: [String] = []
        var grouped: [String: [Outcome]] = [:]
        for outcome in outcomes {
            let key = "\(outcome.ruleID) \(outcome.location.display)"
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append(outcome)
        }
        return order.map { key in
            let group = grouped[key]!
            let gravest = group.max { $0.status.precedence < $1.status.precedence }!
            let failures = group.filter { $0.status == .failed }
            guard failures.count > 1 else { return gravest }
            return Outcome(
                ruleID: gravest.ruleID, status: .failed, location: gravest.location,
                detail: failures.prefix(3).map(\.detail).joined(separator: "; ")
                    + (failures.count > 3 ? "; and \(failures.count - 3) more answers" : ""))
        }
    }

    /// Where a login or token answer puts the credential it issues (OAuth 2.0's and the common
    /// shapes), at its top level or under `data`.
    static let issuedTokenKeys: Set<String> = [
        "access_token", "id_token", "refresh_token", "token", "jwt", "accessToken", "idToken", "refreshToken",
    ]

    /// One response's matches, the credentials a POST answer issues and the documentation
    /// `examples` the API refuses set apart.
    static func inspect(method: String, path: String, body: Data, examples: [DocumentedExample]? = nil) -> Inspected {
        let refused = Set((examples ?? []).filter { $0.live != true }.map(\.masked))
        let matches = Self.matches(in: String(decoding: body, as: UTF8.self)).filter {
            $0.kind != SecretPattern.Kind.credential.rawValue || !refused.contains($0.masked)
        }
        let issuedValues = method == "POST" ? Self.issuedValues(in: body) : []
        let isIssued = { (match: Match) in
            issuedValues.contains(match.masked) && (match.name == "JSON Web Token" || match.name == "secret field")
        }
        let issued = matches.filter(isIssued)
        return Inspected(
            method: method, path: path, matches: matches.filter { !isIssued($0) },
            issued: issued.isEmpty ? nil : issued,
            examples: examples)
    }

    /// The masked values at the token keys of a JSON answer.
    private static func issuedValues(in body: Data) -> Set<String> {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return [] }
        let levels = [object] + [object["data"] as? [String: Any]].compactMap { $0 }
        return Set(
            levels.flatMap { level in
                issuedTokenKeys.compactMap { level[$0] as? String }.map(Masking.value)
            })
    }

    /// Every pattern match in `body`, masked, at most 20.
    static func matches(in body: String) -> [Match] {
        Array(Set(found(in: body).map(\.match))).sorted {
            ($0.kind, $0.name, $0.masked) < ($1.kind, $1.name, $1.masked)
        }
        .prefix(20).map { $0 }
    }

    /// Every pattern match in `body` with the value itself, for a check that must use it (never
    /// kept in evidence).
    static func found(in body: String) -> [(match: Match, value: String)] {
        var found: [(match: Match, value: String)] = []
        for pattern in SecretPattern.all {
            guard let expression = try? NSRegularExpression(pattern: pattern.pattern) else { continue }
            let range = NSRange(body.startIndex..., in: body)
            for result in expression.matches(in: body, range: range).prefix(5) {
                let captured = result.numberOfRanges > 1 ? result.range(at: 1) : result.range
                guard let swiftRange = Range(captured, in: body) else { continue }
                let value = String(body[swiftRange])
                guard EvidenceRedactor.entropy(value) >= pattern.minimumEntropy else { continue }
                found.append(
                    (Match(kind: pattern.kind.rawValue, name: pattern.name, masked: Masking.value(value)), value))
            }
        }
        return found
    }
}

extension SecretsCheck {
    /// The rules this check reports.
    public enum Rules {
        /// A credential in a response.
        public static let credential = Rule(
            id: "secrets.credential-in-response",
            title: "A response contains a credential",
            severity: .high,
            description: """
                A response carries a cloud key, API token, private key or JSON Web Token that anyone who can make the \
                request can read and use.
                """,
            remediation:
                "Remove the credential from the response, revoke it and issue a new one, and find how it got there.",
            mapping: ControlMapping(tsc: [.cc6_1, .c1_1], owasp: [.api3], cwe: [CWE(200), CWE(798)])
        )

        /// A password hash in a response.
        public static let passwordHash = Rule(
            id: "secrets.password-hash-in-response",
            title: "A response contains password hashes",
            severity: .high,
            description: "A response carries password hashes (bcrypt, crypt, Argon2), which can be cracked offline.",
            remediation:
                "Never serialise password hashes; return only the fields a client needs (an explicit response model).",
            mapping: ControlMapping(tsc: [.cc6_1, .c1_1], owasp: [.api3], cwe: [CWE(200), CWE(213)])
        )

        /// A sensitive field in a response.
        public static let sensitiveField = Rule(
            id: "secrets.sensitive-field-in-response",
            title: "A response contains sensitive fields",
            severity: .medium,
            description: """
                A JSON response has fields such as `password`, `client_secret`, `api_key` or `ssn` with values: \
                excessive data exposure, whatever the client shows of it.
                """,
            remediation: "Return only the properties each client needs; filter on the server, never in the client.",
            mapping: ControlMapping(tsc: [.cc6_1, .c1_1], owasp: [.api3], cwe: [CWE(213)])
        )
    }
}
