import Foundation
import ScantrailCore
import ScantrailOpenAPI

extension AuthorizationCheck {
    /// An object the scan created for a trial (`--active`), and what became of it.
    public struct CreatedObject: Codable, Sendable {
        /// The create operation, `POST /notes`.
        public let creation: String
        /// The identity that created it.
        public let creator: String
        /// Its path, `/notes/42`.
        public let path: String
        /// Whether it is gone at the end: deleted by its creator's clean-up or by the intruder's
        /// trial; `false` when it could not be removed (no DELETE documented, or one that failed).
        public let removed: Bool
        /// What became of it, in words.
        public let fate: String
    }

    /// What a trial on an object the scan created carries besides the two answers.
    public struct OnCreated: Codable, Sendable {
        /// The created object's path.
        public let path: String
        /// The same request without credentials, sent only when the intruder's succeeded.
        public let anonymous: ExchangeRecord?
    }

    /// The most create operations tried per kind.
    static let creationsPerKind = 3

    /// The secured POSTs on a collection (`POST /notes`) whose items have operations of their own
    /// (`/notes/{id}` with one path parameter), each with those item operations.
    func creations() -> [(create: APIOperation, items: [APIOperation])] {
        let operations = api.inventory.operations
        return operations.filter { $0.method == "POST" && $0.isSecured && $0.pathParameters.isEmpty }.compactMap {
            create in
            let items = operations.filter { item in
                item.pathParameters.count == 1 && item.isSecured
                    && ["GET", "PUT", "PATCH", "DELETE"].contains(item.method)
                    && item.path.hasPrefix(create.path + "/{") && item.path.hasSuffix("}")
                    && !item.path.dropFirst(create.path.count + 1).contains("/")
            }
            return items.isEmpty ? nil : (create, items)
        }
    }

    /// Objects `creator` makes through each of ``creations()``, then `intruder` reads, writes and
    /// deletes (the anonymous request too where the intruder succeeds), and `creator` deletes
    /// what is left. For BFLA only creations the intruder is refused count (an object anyone may
    /// make is BOLA's matter: the intruder's own is deleted again at once), and only writes and
    /// deletes are tried (reading an administrator's object, a catalogue item, is no flaw).
    /// The trials, every object made and its fate, and the creations not tried, with why.
    func createdObjectTrials(
        _ kind: Kind, creator: Identity, intruder: Identity, _ target: ScanTarget, _ context: ScanContext
    ) async throws -> (trials: [Trial], created: [CreatedObject], untried: [String: String]) {
        var trials: [Trial] = []
        var created: [CreatedObject] = []
        var untried: [String: String] = [:]
        for (create, items) in creations().prefix(Self.creationsPerKind) {
            let parameter = items[0].pathParameters[0].name
            func make(as identity: Identity) async throws -> (ExchangeRecord, ObjectTrial?) {
                let made = try await context.http.send(
                    api.request(create, on: target, credential: try await identity.currentCredential()))
                let record = ExchangeRecord(made, sentAs: identity.name, secrets: api.secrets)
                guard record.succeeded, let id = CreatedID.of(made, parameter: parameter) else { return (record, nil) }
                let object = ObjectTrial(
                    check: self, kind: kind, creator: identity, intruder: intruder, values: [parameter: id],
                    path: api.basePath(of: target) + items[0].concretePath(values: [parameter: id]), target: target,
                    context: context)
                return (record, object)
            }
            if kind == .bfla {
                let (record, own) = try await make(as: intruder)
                if let own {
                    let fate = try await own.remove(items)
                    created.append(own.created(by: create, fate))
                    untried[create.label] =
                        "\(intruder.name) may create these too (\(record.summary)): objects anyone makes are BOLA's matter"
                    continue
                }
            }
            let (record, object) = try await make(as: creator)
            guard let object else {
                untried[create.label] =
                    record.succeeded
                    ? "\(creator.name)'s \(create.label) answered \(record.summary) without an id to use"
                    : "\(creator.name)'s \(create.label) was refused: \(record.summary)"
                continue
            }
            let (found, fate) = try await object.run(kind == .bfla ? items.filter { $0.method != "GET" } : items)
            trials += found
            created.append(object.created(by: create, fate))
        }
        return (trials, created, untried)
    }

    /// The operations `untried` lists that trials on created objects tried after all (and the
    /// creations they made) dropped from it, and the creations not made added.
    static func settled(
        _ untried: [String: String], by made: (trials: [Trial], created: [CreatedObject], untried: [String: String])
    ) -> [String: String] {
        let tried = Set(made.trials.map(\.operation) + made.created.map(\.creation))
        return untried.filter { !tried.contains($0.key) }.merging(made.untried) { earlier, _ in earlier }
    }

    /// The outcome of a trial on an object the scan created.
    static func judgeCreated(_ trial: Trial, _ object: OnCreated, rule: Rule, at location: Location) -> Outcome {
        let comparison =
            "\(trial.owner.sentAs): \(trial.owner.summary); \(trial.intruder.sentAs): \(trial.intruder.summary)"
        let made = "on \(object.path), made by \(trial.owner.sentAs) for the trial"
        let isDelete = trial.operation.hasPrefix("DELETE ")
        if trial.intruder.succeeded {
            if let anonymous = object.anonymous, anonymous.succeeded {
                return .inconclusive(
                    rule, at: location,
                    "it succeeds without credentials too (anonymous: \(anonymous.summary)): an authentication failure, not one of authorization — \(comparison), \(made)"
                )
            }
            let gone = isDelete && [404, 410].contains(trial.owner.status ?? 0) ? "; it was gone for its creator" : ""
            return .failed(
                rule, at: location,
                "\(trial.intruder.sentAs) could \(isDelete ? "delete" : "act on") \(trial.owner.sentAs)'s object — \(comparison)\(gone), \(made)"
            )
        }
        guard trial.owner.succeeded else {
            return .inconclusive(
                rule, at: location,
                "the creator was refused too, so the refusal proves nothing — \(comparison), \(made)")
        }
        return .passed(rule, at: location, "\(comparison), \(made)")
    }
}

/// The requests of one created object's trial, in the order that leaves it to be cleaned up:
/// reads and writes first, the intruder's DELETE next, the creator's DELETE last.
private struct ObjectTrial {
    let check: AuthorizationCheck
    let kind: AuthorizationCheck.Kind
    let creator: Identity
    let intruder: Identity
    let values: [String: String]
    /// The object's path.
    let path: String
    let target: ScanTarget
    let context: ScanContext

    /// What became of the object.
    struct Fate {
        let removed: Bool
        let text: String
    }

    /// The evidence of the object made by `create`.
    func created(by create: APIOperation, _ fate: Fate) -> AuthorizationCheck.CreatedObject {
        AuthorizationCheck.CreatedObject(
            creation: create.label, creator: creator.name, path: path, removed: fate.removed, fate: fate.text)
    }

    /// Deletes the object as its creator, at once.
    func remove(_ items: [APIOperation]) async throws -> Fate {
        guard let delete = items.first(where: { $0.method == "DELETE" }) else {
            return Fate(removed: false, text: "left in place: no DELETE is documented for it")
        }
        let cleanUp = try await send(delete, as: creator).record
        return cleanUp.succeeded
            ? Fate(removed: true, text: "deleted by \(creator.name)'s clean-up (\(cleanUp.summary))")
            : Fate(removed: false, text: "left in place: \(creator.name)'s clean-up DELETE answered \(cleanUp.summary)")
    }

    /// Tries each of `items` on the object, then removes it.
    func run(_ items: [APIOperation]) async throws -> ([AuthorizationCheck.Trial], Fate) {
        var trials: [AuthorizationCheck.Trial] = []
        let read = items.first { $0.method == "GET" }
        var body: Data?
        if let read {
            let owned = try await send(read, as: creator)
            let intruded = try await send(read, as: intruder)
            trials.append(try await trial(read, owned, intruded))
            if case .object? = try? JSONDecoder().decode(JSONValue.self, from: owned.exchange.response?.body ?? Data())
            {
                body = owned.exchange.response?.body
            }
        }
        for write in items where write.method == "PUT" || write.method == "PATCH" {
            // The creator's own current values where it read them: the write changes nothing.
            let owned = try await send(write, as: creator, body: body)
            let intruded = try await send(write, as: intruder, body: body)
            trials.append(try await trial(write, owned, intruded, body: body))
        }
        guard let delete = items.first(where: { $0.method == "DELETE" }) else {
            return (trials, Fate(removed: false, text: "left in place: no DELETE is documented for it"))
        }
        let intruded = try await send(delete, as: intruder)
        let cleanUp = try await send(delete, as: creator)
        var deleted = AuthorizationCheck.Trial(
            kind: kind, operation: delete.label, owner: cleanUp.record, intruder: intruded.record,
            ownerIsCatchAll: false)
        deleted.created = AuthorizationCheck.OnCreated(path: path, anonymous: nil)
        trials.append(deleted)
        if intruded.record.succeeded {
            return (
                trials, Fate(removed: true, text: "deleted by \(intruder.name)'s trial (\(intruded.record.summary))")
            )
        }
        return (
            trials,
            cleanUp.record.succeeded
                ? Fate(removed: true, text: "deleted by \(creator.name)'s clean-up (\(cleanUp.record.summary))")
                : Fate(
                    removed: false,
                    text: "left in place: \(creator.name)'s clean-up DELETE answered \(cleanUp.record.summary)")
        )
    }

    private func send(_ operation: APIOperation, as identity: Identity?, body: Data? = nil) async throws -> (
        exchange: HTTPExchange, record: ExchangeRecord
    ) {
        var request = check.api.request(
            operation, on: target, values: values, credential: try await identity?.currentCredential())
        if let body { request = request.carryingJSON(body) }
        request.acceptsEarlierAnswer = false
        let exchange = try await context.http.send(request)
        return (exchange, ExchangeRecord(exchange, sentAs: identity?.name ?? "anonymous", secrets: check.api.secrets))
    }

    /// The trial of `operation`, with the anonymous control when the intruder succeeded.
    private func trial(
        _ operation: APIOperation, _ owned: (exchange: HTTPExchange, record: ExchangeRecord),
        _ intruded: (exchange: HTTPExchange, record: ExchangeRecord), body: Data? = nil
    ) async throws -> AuthorizationCheck.Trial {
        let anonymous = intruded.record.succeeded ? try await send(operation, as: nil, body: body).record : nil
        var trial = AuthorizationCheck.Trial(
            kind: kind, operation: operation.label, owner: owned.record, intruder: intruded.record,
            ownerIsCatchAll: false)
        trial.created = AuthorizationCheck.OnCreated(path: path, anonymous: anonymous)
        return trial
    }
}

/// The id of an object a create operation answered with: the JSON body's `id`, the item
/// parameter's own name, `uuid` or `_id` (at the top or under `data`), a string or an integer;
/// else the `Location` header's last segment.
enum CreatedID {
    static func of(_ exchange: HTTPExchange, parameter: String) -> String? {
        let names = ["id", parameter, "uuid", "_id"]
        if let body = exchange.response?.body, let json = try? JSONDecoder().decode(JSONValue.self, from: body) {
            for scope in [json, json["data"] ?? .null] {
                for name in names {
                    switch scope[name] {
                    case .string(let text)? where !text.isEmpty && !text.contains("/"): return text
                    case .number(let number)? where number == number.rounded(): return String(Int(number))
                    default: continue
                    }
                }
            }
        }
        if let location = exchange.response?.headers.first(where: { $0.name.lowercased() == "location" })?.value,
            let last = location.split(separator: "?").first?.split(separator: "/").last, !last.isEmpty
        {
            return String(last)
        }
        return nil
    }
}
