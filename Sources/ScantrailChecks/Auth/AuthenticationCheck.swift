import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// For every operation the OpenAPI document declares as secured: the same request as an
/// identity, then without credentials, with a garbage token, and — when the identity's token
/// is a JWT — with its signature tampered, with `alg: none`, expired (when its HMAC key is in
/// the dictionary), signed with the most common default keys, with a `kid` naming `/dev/null`
/// and an empty key, and HS256-signed with the server's published public key (`alg` confusion). A trial fails only when the server answers with success
/// *and* a body like the identity's: not merely "not 401". Operations declared public are
/// checked for data only identities should see.
public struct AuthenticationCheck: SecurityCheck {
    /// The trials of one operation.
    public struct Trial: Codable, Sendable {
        /// `GET /users/{id}`.
        public let operation: String
        /// Whether the document declares it secured.
        public let declaredSecured: Bool
        /// Why it was not tried (an unsafe method in passive mode).
        public let notTested: String?
        /// The request as the first identity that got a success (or the last one tried).
        public let baseline: ExchangeRecord?
        /// The same request as `anonymous`, `garbage token`, `tampered signature`, `alg none`,
        /// `expired`, `default key (…)`, `kid path (…)`, `alg confusion (…)`.
        public let variants: [ExchangeRecord]
        /// Variants that could not be built for the baseline's identity, with why.
        public let untried: [String: String]
    }

    /// What the check observed.
    public struct Evidence: Codable, Sendable {
        /// `scheme://host:port`.
        public let origin: String
        /// The identities, by name, in the order they were tried.
        public let identities: [String]
        /// Where the server's public keys were read (for `alg` confusion), if anywhere.
        public let publishedKeys: String?
        /// One entry per documented operation.
        public let trials: [Trial]
    }

    private let api: APIUnderTest
    private let dictionary: JWTKeyDictionary

    /// A check over `api`'s operations; HMAC keys (to sign expired tokens) are guessed from
    /// `dictionary`.
    public init(api: APIUnderTest, dictionary: JWTKeyDictionary = JWTKeyDictionary()) {
        self.api = api
        self.dictionary = dictionary
    }

    public static let metadata = CheckMetadata(
        id: "auth.authentication", title: "Authentication on every documented operation", rules: Rules.all)

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        // Public keys are looked for only when a token is signed with one.
        let asymmetric = api.identities.compactMap { JSONWebToken($0.credential.token) }.contains {
            !$0.algorithm.hasPrefix("HS") && $0.algorithm.lowercased() != "none"
        }
        let published =
            asymmetric
            ? try await ServerPublicKeys.discover(on: target, context: context)
            : ServerPublicKeys(keys: [], source: nil)
        let inputs = ForgeryInputs(dictionary: dictionary, published: published, now: Date())
        var built: [CredentialVariants] = []
        for identity in api.identities { built.append(try await Self.variants(of: identity, inputs)) }
        let variants = built
        let secrets = api.secrets + variants.flatMap { $0.sent.compactMap { $0.credential?.token } }
        // Path values come from the walk's first round: an order id from the order list.
        let book = try await api.values(on: target, context: context)
        let trials = try await context.concurrentMap(api.inventory.operations) { operation in
            try await trial(operation, book: book, variants: variants, secrets: secrets, on: target, context)
        }
        return Evidence(
            origin: target.origin, identities: api.identities.map(\.name), publishedKeys: published.source,
            trials: trials)
    }

    private func trial(
        _ operation: APIOperation, book: RequestValues, variants: [CredentialVariants],
        secrets: [String], on target: ScanTarget, _ context: ScanContext
    ) async throws -> Trial {
        guard !operation.isUnsafe || context.configuration.active else {
            return Trial(
                operation: operation.label, declaredSecured: operation.isSecured,
                notTested: operation.passiveModeNote,
                baseline: nil, variants: [], untried: [:])
        }
        // The first identity the operation serves is the reference; its credential is varied.
        var baseline: ExchangeRecord?
        var chosen = variants.first
        var catchAll = false
        for candidate in variants {
            let credential = try await candidate.identity.currentCredential()
            let values = book.values(for: operation, as: candidate.identity)
            let request = api.request(operation, on: target, values: values, credential: credential)
            let exchange = try await context.http.send(request)
            baseline = ExchangeRecord(exchange, sentAs: candidate.identity.name, secrets: secrets)
            chosen = candidate
            guard baseline?.succeeded == true else { continue }
            catchAll = try await context.softNotFound.isSoftNotFound(exchange)
            break
        }
        guard let chosen, baseline?.succeeded == true else {
            return Trial(
                operation: operation.label, declaredSecured: operation.isSecured, notTested: nil, baseline: baseline,
                variants: [], untried: [:])
        }
        guard !catchAll else {
            // A server that answers every path alike tells nothing about this operation.
            return Trial(
                operation: operation.label, declaredSecured: operation.isSecured,
                notTested:
                    "\(chosen.identity.name)'s answer is the server's catch-all page: nothing specific to compare with",
                baseline: baseline, variants: [], untried: [:])
        }
        // A public operation is only asked anonymously; a secured one gets every variant.
        let tried = operation.isSecured ? chosen.sent : chosen.sent.filter { $0.variant == .anonymous }
        let values = book.values(for: operation, as: chosen.identity)
        let records = try await context.concurrentMap(tried) { variant in
            let request = api.request(operation, on: target, values: values, credential: variant.credential)
            return ExchangeRecord(try await context.http.send(request), sentAs: variant.name, secrets: secrets)
        }
        let untried = Dictionary(uniqueKeysWithValues: chosen.untried.map { ($0.key.rawValue, $0.value) })
        return Trial(
            operation: operation.label, declaredSecured: operation.isSecured, notTested: nil, baseline: baseline,
            variants: records, untried: operation.isSecured ? untried : [:])
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        guard !evidence.identities.isEmpty else {
            let location = Location(origin: evidence.origin, method: nil, path: "/")
            return Rules.all.map { .inconclusive($0, at: location, "no identity given: nothing to compare with") }
        }
        let private_ = PersonalValues(from: evidence.trials.filter(\.declaredSecured).compactMap(\.baseline))
        return evidence.trials.flatMap { trial in
            trial.declaredSecured ? securedOutcomes(trial, evidence) : [publicOutcome(trial, evidence, private_)]
        }
    }

    private func location(_ trial: Trial, _ evidence: Evidence) -> Location {
        Location(origin: evidence.origin, operation: trial.operation)
    }

    private func securedOutcomes(_ trial: Trial, _ evidence: Evidence) -> [Outcome] {
        let location = location(trial, evidence)
        let rules: [(Rule, Variant)] = [
            (Rules.unauthenticated, Variant.anonymous), (Rules.invalidToken, Variant.garbage),
            (Rules.signatureNotVerified, Variant.tampered), (Rules.algorithmNone, Variant.none),
            (Rules.expiredAccepted, Variant.expired), (Rules.defaultKeyAccepted, Variant.defaultKey),
            (Rules.keyPathAccepted, Variant.keyPath), (Rules.algorithmConfusion, Variant.confusion),
        ]
        if let reason = trial.notTested {
            return rules.map { .inconclusive($0.0, at: location, reason) }
        }
        guard let baseline = trial.baseline, baseline.succeeded else {
            let got = trial.baseline?.summary ?? "nothing"
            let who = evidence.identities.joined(separator: ", ")
            return rules.map {
                .inconclusive(
                    $0.0, at: location, "no identity (\(who)) got a success (last: \(got)): nothing to compare with")
            }
        }
        // A server that takes any credential, or any signature, takes forged ones for that reason.
        let loose = [Variant.anonymous, .garbage, .tampered].first { variant in
            trial.variants.contains { variant.sent($0) && ResponseSimilarity.resembles($0, baseline) }
        }
        return rules.map { rule, variant in
            let records = trial.variants.filter(variant.sent)
            guard !records.isEmpty else {
                return .inconclusive(rule, at: location, "not tested: \(trial.untried[variant.rawValue] ?? "not sent")")
            }
            if let loose, Variant.forgeries.contains(variant) {
                return .notApplicable(
                    rule, at: location, "the operation accepts a \(loose.rawValue) already: no key needs guessing")
            }
            let accepted = records.filter { ResponseSimilarity.resembles($0, baseline) }
            let shown = accepted.first ?? records[0]
            let comparison = "\(shown.sentAs): \(shown.summary); \(baseline.sentAs): \(baseline.summary)"
            guard accepted.isEmpty else {
                return .failed(rule, at: location, "answered like an authenticated request — \(comparison)")
            }
            let others = records.count > 1 ? " (and \(records.count - 1) more like it)" : ""
            return .passed(rule, at: location, comparison + others)
        }
    }

    private func publicOutcome(_ trial: Trial, _ evidence: Evidence, _ personal: PersonalValues) -> Outcome {
        let location = location(trial, evidence)
        if let reason = trial.notTested { return .inconclusive(Rules.publicExposure, at: location, reason) }
        guard let anonymous = trial.variants.first(where: { $0.sentAs == Variant.anonymous.rawValue }) else {
            let got = trial.baseline?.summary ?? "nothing"
            return .inconclusive(
                Rules.publicExposure, at: location, "no identity got a success (last: \(got)): nothing to compare with")
        }
        let leaked = personal.found(in: anonymous.bodyExcerpt)
        guard leaked.isEmpty else {
            let fields = leaked.sorted().joined(separator: ", ")
            return .failed(
                Rules.publicExposure, at: location,
                "anonymous: \(anonymous.summary), carrying \(fields) values that secured operations return")
        }
        return .passed(
            Rules.publicExposure, at: location,
            "anonymous: \(anonymous.summary), with none of the \(personal.count) personal values secured operations return"
        )
    }
}
