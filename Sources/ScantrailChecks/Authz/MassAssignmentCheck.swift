import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// Active only: sends each documented JSON write (POST, PUT, PATCH) as an identity with its
/// example body plus privileged fields the document does not declare (`role: "admin"`,
/// `isAdmin: true`…), and fails when the answer carries one of them back with the injected
/// value — the server bound properties the caller should not control.
public struct MassAssignmentCheck: SecurityCheck {
    /// One write.
    public struct Trial: Codable, Sendable {
        /// `PATCH /me`.
        public let operation: String
        /// Why it was not sent.
        public let notTested: String?
        /// The injected fields.
        public let injected: [String: JSONValue]
        /// The answer.
        public let record: ExchangeRecord?
        /// For a sign-up: the new account's profile, read with the credential it was given.
        public var readBack: ExchangeRecord? = nil
    }

    /// What the check observed.
    public struct Evidence: Codable, Sendable {
        /// `scheme://host:port`.
        public let origin: String
        /// One per JSON write operation.
        public let trials: [Trial]
    }

    /// Fields that grant privileges when a server binds them blindly.
    static let privileged: [String: JSONValue] = [
        "role": .string("admin"), "isAdmin": .bool(true), "admin": .bool(true), "is_admin": .bool(true),
        "verified": .bool(true), "scantrailProbe": .string("mass-assignment-0001"),
    ]

    let api: APIUnderTest

    /// A check over `api`'s JSON write operations.
    public init(api: APIUnderTest) {
        self.api = api
    }

    public static let metadata = CheckMetadata(
        id: "authz.mass-assignment", title: "Undeclared privileged properties in writes", rules: [Rules.massAssignment],
        phase: .disruptive)

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        let writes = api.inventory.operations.filter {
            ["POST", "PUT", "PATCH"].contains($0.method) && $0.requestBody?.mediaType.contains("json") == true
        }
        guard let identity = api.identities.first else {
            return Evidence(origin: target.origin, trials: [])
        }
        var trials: [Trial] = []
        for operation in writes {
            let declared = Set(
                operation.requestBody?.example.flatMap { example -> [String]? in
                    if case .object(let fields) = example { Array(fields.keys) } else { nil }
                } ?? [])
            let injected = Self.privileged.filter { !declared.contains($0.key) }
            guard context.configuration.active else {
                trials.append(
                    Trial(
                        operation: operation.label,
                        notTested: operation.passiveModeNote,
                        injected: injected, record: nil))
                continue
            }
            var body: [String: JSONValue] = [:]
            if case .object(let fields)? = operation.requestBody?.example { body = fields }
            body.merge(injected) { declared, _ in declared }
            if operation.isSignUp, let signUp = SignUpBody(body) {
                trials.append(try await self.signUp(operation, signUp, injected: injected, target, context))
                continue
            }
            let values = try await api.values(on: target, context: context).values(for: operation, as: identity)
            var request = api.request(
                operation, on: target, values: values, credential: try await identity.currentCredential())
            request.body = try JSONEncoder().encode(JSONValue.object(body))
            let exchange = try await context.http.send(request)
            trials.append(
                Trial(
                    operation: operation.label, notTested: nil, injected: injected,
                    record: ExchangeRecord(exchange, sentAs: identity.name, secrets: api.secrets)))
        }
        return Evidence(origin: target.origin, trials: trials)
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        guard !evidence.trials.isEmpty else {
            let location = Location(origin: evidence.origin, method: nil, path: "/")
            return [.inconclusive(Rules.massAssignment, at: location, "no documented JSON write, or no identity")]
        }
        return evidence.trials.map { trial in
            let location = Location(origin: evidence.origin, operation: trial.operation)
            if let reason = trial.notTested { return .inconclusive(Rules.massAssignment, at: location, reason) }
            guard let record = trial.record, record.succeeded else {
                return .inconclusive(
                    Rules.massAssignment, at: location,
                    "the write was refused (\(trial.record?.summary ?? "no response")): nothing bound to judge")
            }
            let answers = [record] + (trial.readBack.map { [$0] } ?? [])
            for answer in answers {
                let json = (try? JSONDecoder().decode(JSONValue.self, from: Data(answer.bodyExcerpt.utf8))) ?? .null
                let bound = trial.injected.filter { json[$0.key] == $0.value }.keys.sorted()
                guard bound.isEmpty else {
                    let through =
                        answer == record ? "" : " through \(answer.method) \(URL(string: answer.url)?.path ?? "")"
                    return .failed(
                        Rules.massAssignment, at: location,
                        "undeclared fields came back as sent\(through): \(bound.joined(separator: ", ")) — \(answer.summary)"
                    )
                }
            }
            let readBack = trial.readBack.map { "; read back: \($0.summary)" } ?? ""
            return .passed(
                Rules.massAssignment, at: location,
                "none of \(trial.injected.keys.sorted().joined(separator: ", ")) came back — \(record.summary)\(readBack)"
            )
        }
    }
}

extension MassAssignmentCheck {
    /// The rules this check reports.
    public enum Rules {
        /// Mass assignment.
        public static let massAssignment = Rule(
            id: "authz.mass-assignment", title: "A write binds undeclared privileged properties", severity: .high,
            description: """
                A documented write accepted properties its schema does not declare — a role, an admin flag — and \
                answered with them set: callers can grant themselves privileges.
                """,
            remediation: "Bind only an allow-list of properties per operation (DTOs), and ignore or reject the rest.",
            references: [
                "https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/"
            ],
            mapping: ControlMapping(tsc: [.cc6_1, .cc6_3], owasp: [.api3], cwe: [CWE(915)]))
    }
}
