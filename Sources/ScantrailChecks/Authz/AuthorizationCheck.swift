import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// Object- and function-level authorization across identities. BOLA: object ids harvested
/// from one identity's answers (and absent from another's of the same role) are requested as
/// the other. BFLA: operations that look administrative, served to an admin identity, are
/// requested as a non-admin. A trial fails when the second identity gets a success with a
/// body like the first's.
public struct AuthorizationCheck: SecurityCheck {
    /// Which level of authorization a trial tests.
    public enum Kind: String, Codable, CodingKeyRepresentable, Sendable {
        /// Object level: one identity's object requested as a peer.
        case bola
        /// Function level: an administrative operation requested as a non-admin.
        case bfla
    }

    /// One operation asked as its rightful caller and as another.
    public struct Trial: Codable, Sendable {
        /// What it tests.
        public let kind: Kind
        /// `GET /orders/{orderId}`.
        public let operation: String
        /// The rightful caller's answer.
        public let owner: ExchangeRecord
        /// The other identity's answer to the same request.
        public let intruder: ExchangeRecord
        /// Whether the owner's answer is the server's catch-all page (then nothing is judged).
        public let ownerIsCatchAll: Bool
        /// The owner's identifiers (`id`, `email`…, by field) the intruder's answer contains
        /// (`nil` in evidence recorded before they were looked for).
        public var namesOwner: [String]? = nil
        /// For a write (then `owner` and `intruder` are the two writes): how it was made harmless.
        public var write: WriteBack? = nil
        /// For a request on an object the scan created: its path, and the anonymous control.
        public var created: OnCreated? = nil
        /// For an object a list everyone sees names the owner of: the fields that list shows of
        /// it (the peer then fails only when the detail shows more).
        public var listedFields: [String]? = nil
    }

    /// What the check observed.
    public struct Evidence: Codable, Sendable {
        /// `scheme://host:port`.
        public let origin: String
        /// The trials.
        public let trials: [Trial]
        /// Object operations with nothing to try, and why (`GET /orders/{orderId}` → reason).
        public let untried: [String: String]
        /// Why BOLA or BFLA could not be tested at all.
        public let notes: [Kind: String]
        /// Administrative writes not sent, and why (`nil` in evidence recorded before writes were tried).
        public var untriedFunctions: [String: String]? = nil
        /// Every object the scan created for its trials, and what became of it (`nil` when none was).
        public var created: [CreatedObject]? = nil
    }

    let api: APIUnderTest

    /// A check over `api`'s operations and identities.
    public init(api: APIUnderTest) {
        self.api = api
    }

    public static let metadata = CheckMetadata(
        id: "authz.access-control", title: "Object and function level authorization", rules: Rules.all)

    /// Most objects tried per operation.
    static let objectsPerOperation = 3
    /// The discriminator of trials on objects the scan created.
    static let createdObject = "object the scan created"
    /// The discriminator of trials on an item a shared list names the owner of: which item it
    /// is can change as the list grows.
    static let listedItem = "item a shared list names the owner of"

    var readable: [APIOperation] { api.inventory.operations.filter { $0.isSecured && !$0.isUnsafe } }

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        var trials: [Trial] = []
        var untried: [String: String] = [:]
        var notes: [Kind: String] = [:]
        var untriedFunctions: [String: String] = [:]
        var created: [CreatedObject] = []
        let active = context.configuration.active
        let peers = Dictionary(grouping: api.identities.filter { !$0.isAdministrator }, by: \.role).values
            .first { $0.count >= 2 }
        if let peers {
            let (found, missing) = try await objectTrials(owner: peers[0], intruder: peers[1], target, context)
            trials += found
            untried = missing
            if active {
                let made = try await createdObjectTrials(.bola, creator: peers[0], intruder: peers[1], target, context)
                trials += made.trials
                created += made.created
                untried = Self.settled(untried, by: made)
            }
        } else {
            notes[.bola] = "needs two non-admin identities with the same role"
        }
        if let admin = api.identities.first(where: \.isAdministrator),
            let user = api.identities.first(where: { !$0.isAdministrator })
        {
            let administrative = api.inventory.operations.filter(\.looksAdministrative)
            let operations = administrative.filter { $0.isSecured && !$0.isUnsafe }
            let book = try await api.values(on: target, context: context)
            let reads = operations.map { ($0, book.values(for: $0, as: admin)) }
            let read = try await context.concurrentMap(reads) { operation, values in
                try await pair(.bfla, operation, values: values, owner: admin, intruder: user, target, context)
            }
            let (written, unwritten) = try await writeTrials(
                .bfla, after: servedReads(reads, read), among: administrative, owner: admin, intruder: user, target,
                context)
            trials += read + written
            untriedFunctions = unwritten
            if active {
                let made = try await createdObjectTrials(.bfla, creator: admin, intruder: user, target, context)
                trials += made.trials
                created += made.created
                untriedFunctions = Self.settled(untriedFunctions, by: made)
            }
            if !administrative.contains(where: \.isSecured) {
                notes[.bfla] = "no documented operation looks administrative"
            }
        } else {
            notes[.bfla] = "needs an admin identity and a non-admin one"
        }
        var evidence = Evidence(
            origin: target.origin, trials: trials, untried: untried, notes: notes, untriedFunctions: untriedFunctions)
        evidence.created = created.isEmpty ? nil : created
        return evidence
    }

    /// Whether `operation` acts on one object a peer could own: it has a path parameter and does
    /// not look administrative.
    private static func isPeerObject(_ operation: APIOperation) -> Bool {
        !operation.pathParameters.isEmpty && !operation.looksAdministrative
    }

    /// The reads whose rightful caller got a real answer: the objects a write trial can write back.
    private func servedReads(
        _ reads: [(APIOperation, [String: String])], _ trials: [Trial]
    ) -> [(operation: APIOperation, values: [String: String])] {
        // An item a shared list names the owner of is read, never written: which one it is can
        // change from run to run, and a write's place is its path.
        zip(reads, trials).filter { $0.1.owner.succeeded && !$0.1.ownerIsCatchAll && $0.1.listedFields == nil }
            .map { ($0.0.0, $0.0.1) }
    }

    /// Harvests the owner's object ids from list operations, drops those the intruder also
    /// sees (shared objects prove nothing), and tries each object operation with them.
    private func objectTrials(
        owner: Identity, intruder: Identity, _ target: ScanTarget, _ context: ScanContext
    ) async throws -> ([Trial], [String: String]) {
        let lists = readable.filter { $0.pathParameters.isEmpty }
        // Administrative objects are function-level matters: BFLA tries them.
        let objects = readable.filter(Self.isPeerObject)
        // The lists' answers are the walk's first round, as each identity.
        let book = try await api.values(on: target, context: context)
        let ownerBodies = lists.map { book.body(of: $0, as: owner) ?? .null }
        let intruderBodies = lists.map { book.body(of: $0, as: intruder) ?? .null }
        let owned = HarvestedValues(ownerBodies)
        let seenByIntruder = HarvestedValues(intruderBodies)
        let own = book.builder(for: owner).own
        let listedToIntruder = Dictionary(
            zip(lists, intruderBodies).map { ($0.0.path, "\($0.1)") }, uniquingKeysWith: { first, _ in first })
        var pairs: [(APIOperation, [String: String])] = []
        var guessed: Set<String> = []
        var listedFields: [String: [String]] = [:]
        var untried: [String: String] = [:]
        for operation in objects {
            guard operation.pathParameters.count == 1, let parameter = operation.pathParameters.first else {
                untried[operation.label] = "more than one path parameter"
                continue
            }
            // The owner's own identifiers stand for a user parameter even when everyone can list
            // them — but not for the entries of a directory the intruder reads itself.
            let listPath = operation.path.replacingOccurrences(of: "/{\(parameter.name)}", with: "")
            let ownIDs = own.candidates(for: parameter.name, in: operation.path).filter { id in
                !operation.path.hasSuffix("/{\(parameter.name)}") || listedToIntruder[listPath]?.contains(id) != true
            }
            var values = owned.values(
                for: parameter.name, excluding: seenByIntruder, limit: Self.objectsPerOperation)
            let guesses = ownIDs.filter { !values.contains($0) }.prefix(max(0, Self.objectsPerOperation - values.count))
            guessed.formUnion(guesses.map { "\(operation.label) \($0)" })
            values += guesses
            if values.isEmpty, let list = lists.first(where: { $0.path == listPath }),
                let shared = book.body(of: list, as: intruder)
            {
                // A list everyone sees that names whose each item is: the owner's first item stands
                // (one is proof enough).
                let names = Set([owner.name, owner.account].compactMap { $0 } + own.values.map(\.value))
                for item in OwnedListItems.items(in: shared, ownedBy: names, parameter: parameter.name).prefix(1) {
                    listedFields["\(operation.label) \(item.id)"] = item.fields
                    values.append(item.id)
                }
            }
            guard !values.isEmpty else {
                untried[operation.label] =
                    "no \(parameter.name) of \(owner.name)'s that \(intruder.name) does not also see"
                continue
            }
            pairs += values.map { (operation, [parameter.name: $0]) }
        }
        let (guesses, listed) = (guessed, listedFields)
        let trials = try await context.concurrentMap(pairs) { operation, values in
            var trial = try await pair(
                .bola, operation, values: values, owner: owner, intruder: intruder, target, context)
            trial.namesOwner = own.named(in: trial.intruder.bodyExcerpt)
            trial.listedFields = listed["\(operation.label) \(values.values.first ?? "")"]
            return (trial, guesses.contains("\(operation.label) \(values.values.first ?? "")"))
        }
        // An own identifier the owner itself is refused with (a token's `sub` that is not the
        // path's id) was a wrong guess, not a trial — unless no guess for the operation worked.
        let answered = Set(trials.filter { $0.0.owner.succeeded }.map(\.0.operation))
        let reads = trials.filter { !$0.1 || $0.0.owner.succeeded || !answered.contains($0.0.operation) }.map(\.0)
        let (written, unwritten) = try await writeTrials(
            .bola, after: servedReads(pairs, trials.map(\.0)),
            among: api.inventory.operations.filter(Self.isPeerObject),
            owner: owner, intruder: intruder, target, context)
        return (reads + written, untried.merging(unwritten) { read, _ in read })
    }

    private func pair(
        _ kind: Kind, _ operation: APIOperation, values: [String: String] = [:], owner: Identity,
        intruder: Identity, _ target: ScanTarget, _ context: ScanContext
    ) async throws -> Trial {
        func send(_ identity: Identity) async throws -> (HTTPExchange, ExchangeRecord) {
            let credential = try await identity.currentCredential()
            let request = api.request(operation, on: target, values: values, credential: credential)
            let exchange = try await context.http.send(request)
            return (exchange, ExchangeRecord(exchange, sentAs: identity.name, secrets: api.secrets))
        }
        let (exchange, owned) = try await send(owner)
        let catchAll = owned.succeeded ? try await context.softNotFound.isSoftNotFound(exchange) : false
        return Trial(
            kind: kind, operation: operation.label, owner: owned, intruder: try await send(intruder).1,
            ownerIsCatchAll: catchAll)
    }

    /// A peer's success on an item a shared list names the owner of: a failure when the detail
    /// shows fields the list does not, a pass when it shows only what everyone sees anyway.
    static func judgeListed(
        _ trial: Trial, listed: [String], rule: Rule, at location: Location, _ comparison: String
    ) -> Outcome {
        let listedTo = "a list everyone sees names \(trial.owner.sentAs) as its owner"
        let unlisted = OwnedListItems.unlisted(in: trial.intruder.bodyExcerpt, listed: listed)
        guard !unlisted.isEmpty, ResponseSimilarity.resembles(trial.intruder, trial.owner) else {
            return .passed(rule, at: location, "\(listedTo); the detail shows only what the list shows — \(comparison)")
        }
        return .failed(
            rule, at: location,
            "\(trial.intruder.sentAs) got \(trial.owner.sentAs)'s object — \(listedTo), and the detail adds \(unlisted.joined(separator: ", ")), which the list does not show — \(comparison)"
        )
    }

    /// The object a BOLA trial asked for, as its path: the origin is the location's already, so
    /// a target that moves (another port, a proxy) keeps its fingerprints.
    static func objectPath(_ url: String, origin: String) -> String {
        url.hasPrefix(origin) ? String(url.dropFirst(origin.count)) : URL(string: url)?.path ?? url
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        var outcomes = evidence.trials.map { trial -> Outcome in
            let rule = trial.kind == .bola ? Rules.objectLevel : Rules.functionLevel
            // An object the scan made has a new id each run: its place is named, not its path.
            let discriminator =
                trial.created != nil
                ? Self.createdObject
                : trial.listedFields != nil
                    ? Self.listedItem
                    : trial.kind == .bola ? Self.objectPath(trial.owner.url, origin: evidence.origin) : nil
            let location = Location(origin: evidence.origin, operation: trial.operation, discriminator: discriminator)
            if let created = trial.created { return Self.judgeCreated(trial, created, rule: rule, at: location) }
            if let write = trial.write { return Self.judgeWrite(trial, write, rule: rule, at: location) }
            let comparison =
                "\(trial.owner.sentAs): \(trial.owner.summary); \(trial.intruder.sentAs): \(trial.intruder.summary)"
            guard trial.owner.succeeded else {
                return .inconclusive(rule, at: location, "the rightful caller was refused too — \(comparison)")
            }
            guard !trial.ownerIsCatchAll else {
                return .inconclusive(
                    rule, at: location, "the rightful caller got the server's catch-all page — \(comparison)")
            }
            // Only the very same object compares: an intruder answered at its own id, beside the
            // owner at theirs, proves nothing.
            let asked = Self.objectPath(trial.intruder.url, origin: evidence.origin)
            guard asked == Self.objectPath(trial.owner.url, origin: evidence.origin) else {
                return .inconclusive(
                    rule, at: location, "\(trial.intruder.sentAs) asked \(asked), not the same object — \(comparison)")
            }
            if let listed = trial.listedFields, trial.intruder.succeeded {
                return Self.judgeListed(trial, listed: listed, rule: rule, at: location, comparison)
            }
            if ResponseSimilarity.resembles(trial.intruder, trial.owner) {
                let named =
                    (trial.namesOwner ?? []).isEmpty
                    ? "" : "; it names \(trial.owner.sentAs)'s \(trial.namesOwner!.joined(separator: ", "))"
                return .failed(
                    rule, at: location,
                    "\(trial.intruder.sentAs) got \(trial.owner.sentAs)'s answer — \(comparison)\(named)")
            }
            return .passed(rule, at: location, comparison)
        }
        let untried = [(Rules.objectLevel, evidence.untried), (Rules.functionLevel, evidence.untriedFunctions ?? [:])]
        for (rule, reasons) in untried {
            for (operation, reason) in reasons.sorted(by: { $0.key < $1.key }) {
                outcomes.append(
                    .inconclusive(
                        rule, at: Location(origin: evidence.origin, operation: operation),
                        reason.hasPrefix("not tested") ? reason : "not tested: \(reason)"))
            }
        }
        // A clean-up that failed is said where the object was made: it is still on the server.
        for object in evidence.created ?? [] where !object.removed {
            let rule =
                evidence.trials.contains { $0.created?.path == object.path && $0.kind == .bfla }
                ? Rules.functionLevel : Rules.objectLevel
            outcomes.append(
                .inconclusive(
                    rule, at: Location(origin: evidence.origin, operation: object.creation, discriminator: "clean-up"),
                    "the scan created \(object.path) (as \(object.creator)) and it is \(object.fate): remove it by hand"
                ))
        }
        let root = Location(origin: evidence.origin, method: nil, path: "/")
        if let note = evidence.notes[.bola] { outcomes.append(.inconclusive(Rules.objectLevel, at: root, note)) }
        if let note = evidence.notes[.bfla] { outcomes.append(.inconclusive(Rules.functionLevel, at: root, note)) }
        return outcomes
    }
}
