import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// Active only: signs in, and asks for a password reset, as an account that exists (an
/// identity's) and as one that does not, each with a wrong password; signs up a fresh account,
/// then the identity's. A different status or body tells an attacker which accounts exist; so
/// does sign-in time, when every sample for the real account is slower than every sample for
/// the unknown one (four of each, sent in turn, which goes first alternating; four more of
/// each when the first show a gap) and the medians are 50 ms apart. Reset and
/// sign-up requests are sent once each: they may mail the real account, and a sign-up creates
/// one.
public struct AccountEnumerationCheck: SecurityCheck {
    /// What an operation is for.
    public enum Purpose: String, Codable, Sendable {
        case login, reset, signUp
    }

    /// One operation's comparison.
    public struct Trial: Codable, Sendable {
        /// `POST /login`.
        public let operation: String
        /// Sign-in, password reset or sign-up.
        public let purpose: Purpose
        /// The answer for the real account.
        public let known: ExchangeRecord
        /// The answer for the unknown account (for a sign-up, the fresh account it created).
        public let unknown: ExchangeRecord
        /// Milliseconds each sample took, real account (sign-in only).
        public let knownMilliseconds: [Int]
        /// Milliseconds each sample took, unknown account (sign-in only).
        public let unknownMilliseconds: [Int]
    }

    /// What the check observed.
    public struct Evidence: Codable, Sendable {
        /// `scheme://host:port`.
        public let origin: String
        /// Why nothing could be compared, when nothing could.
        public let notTested: String?
        /// One per sign-in, reset or sign-up operation.
        public let trials: [Trial]
        /// Operations found but not sent, with why.
        public let untested: [String: String]
    }

    private let api: APIUnderTest

    /// A check over `api`'s sign-in, password-reset and sign-up operations.
    public init(api: APIUnderTest) {
        self.api = api
    }

    public static let metadata = CheckMetadata(
        id: "auth.account-enumeration", title: "Sign-in, sign-up and password reset tell accounts apart",
        rules: Rules.all,
        phase: .disruptive)

    /// Samples of each sign-in timed.
    static let samples = 4
    /// The wrong password sent for both accounts.
    static let wrongPassword = "Scantrail-wrong-password-1!"

    /// The purpose of `operation` and its account and password fields; `nil` when it is
    /// neither a sign-up (``APIOperation/isSignUp`` with a ``SignUpBody``), a sign-in (a JSON
    /// body with an account and a password field) nor a reset (a path naming reset, forgot or
    /// recover, and an account field).
    static func purpose(of operation: APIOperation) -> (Purpose, account: String, password: String?)? {
        guard operation.method == "POST", case .object(let example)? = operation.requestBody?.example,
            operation.requestBody?.mediaType.contains("json") == true
        else { return nil }
        if operation.isSignUp {
            return SignUpBody(example).map { (.signUp, $0.account.field, $0.password.field) }
        }
        let names = example.keys.sorted()
        guard
            let account = names.first(where: { name in
                ["email", "user", "login", "account"].contains { name.lowercased().contains($0) }
            })
        else { return nil }
        if let password = names.first(where: { $0.lowercased().contains("pass") }) {
            return (.login, account, password)
        }
        let path = operation.path.lowercased()
        return ["reset", "forgot", "recover"].contains(where: path.contains) ? (.reset, account, nil) : nil
    }

    /// A name like `known` that no account has: the same domain for an email.
    static func unknownAccount(like known: String) -> String {
        guard let at = known.lastIndex(of: "@") else { return "scantrail-nobody-7f3a9c" }
        return "scantrail-nobody-7f3a9c" + known[at...]
    }

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        let found = api.inventory.operations.compactMap { operation in
            Self.purpose(of: operation).map { (operation, $0) }
        }
        func untested(_ reason: String) -> Evidence {
            Evidence(origin: target.origin, notTested: reason, trials: [], untested: [:])
        }
        guard !found.isEmpty else { return untested("no sign-in, sign-up or password-reset operation documented") }
        guard context.configuration.active else {
            let note = found[0].0.passiveModeNote
            return Evidence(
                origin: target.origin, notTested: nil, trials: [],
                untested: Dictionary(found.map { ($0.0.label, note) }, uniquingKeysWith: { first, _ in first }))
        }
        guard let known = api.identities.lazy.compactMap(\.account).first else {
            return untested("no identity's account name is known (give one a login recipe with an email or username)")
        }
        let unknown = Self.unknownAccount(like: known)
        // Both names are masked alike: a body that only echoes the name sent tells nothing.
        let secrets = api.secrets + [Self.wrongPassword, known, unknown]
        var trials: [Trial] = []
        for (operation, (purpose, accountField, passwordField)) in found {
            guard case .object(let example)? = operation.requestBody?.example else { continue }
            func send(_ fields: [String: JSONValue], as name: String, masking: [String] = []) async throws -> (
                ExchangeRecord, Int
            ) {
                var request = api.request(operation, on: target, credential: nil)
                request.body = try JSONEncoder().encode(JSONValue.object(fields))
                request.acceptsEarlierAnswer = false
                let exchange = try await context.http.send(request)
                return (
                    ExchangeRecord(exchange, sentAs: name, secrets: secrets + masking), exchange.durationMilliseconds
                )
            }
            if purpose == .signUp, let fresh = SignUpBody(example) {
                // The fresh account first: a taken account's answer means something only beside it.
                let masking = [fresh.account.value, fresh.password.value]
                let created = try await send(fresh.body, as: "new account", masking: masking).0
                let taken = try await send(fresh.with(account: known), as: "real account", masking: masking).0
                trials.append(
                    Trial(
                        operation: operation.label, purpose: purpose, known: taken, unknown: created,
                        knownMilliseconds: [], unknownMilliseconds: []))
                continue
            }
            func fields(_ account: String) -> [String: JSONValue] {
                var fields = example
                fields[accountField] = .string(account)
                if let passwordField { fields[passwordField] = .string(Self.wrongPassword) }
                return fields
            }
            var knownAnswers: [(ExchangeRecord, Int)] = []
            var unknownAnswers: [(ExchangeRecord, Int)] = []
            // In turn, which goes first alternating: a stall that always hits the first of a
            // pair (a new connection, a loaded machine) favours neither.
            func rounds(_ count: Int) async throws {
                for round in 0..<count {
                    for isKnown in round.isMultiple(of: 2) ? [true, false] : [false, true] {
                        let answer = try await send(
                            fields(isKnown ? known : unknown), as: isKnown ? "real account" : "unknown account")
                        if isKnown { knownAnswers.append(answer) } else { unknownAnswers.append(answer) }
                    }
                }
            }
            try await rounds(purpose == .login ? Self.samples : 1)
            // A gap is measured again before it counts: all samples must agree.
            if purpose == .login, Self.timingGap(knownAnswers.map(\.1), unknownAnswers.map(\.1)) != nil {
                try await rounds(Self.samples)
            }
            trials.append(
                Trial(
                    operation: operation.label, purpose: purpose, known: knownAnswers[0].0,
                    unknown: unknownAnswers[0].0,
                    knownMilliseconds: purpose == .login ? knownAnswers.map(\.1) : [],
                    unknownMilliseconds: purpose == .login ? unknownAnswers.map(\.1) : []))
        }
        return Evidence(origin: target.origin, notTested: nil, trials: trials, untested: [:])
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        if let reason = evidence.notTested {
            let location = Location(origin: evidence.origin, method: nil, path: "/")
            return [
                reason.hasPrefix("no sign-in")
                    ? .notApplicable(Rules.enumeration, at: location, reason)
                    : .inconclusive(Rules.enumeration, at: location, reason)
            ]
        }
        let untested = evidence.untested.keys.sorted().map {
            Outcome.inconclusive(
                Rules.enumeration, at: Location(origin: evidence.origin, operation: $0), evidence.untested[$0]!)
        }
        return untested + evidence.trials.map { judge($0, evidence.origin) }
    }

    private func judge(_ trial: Trial, _ origin: String) -> Outcome {
        let location = Location(origin: origin, operation: trial.operation)
        guard trial.known.status != nil, trial.unknown.status != nil else {
            return .inconclusive(
                Rules.enumeration, at: location,
                "no answer to compare — real account: \(trial.known.summary); unknown: \(trial.unknown.summary)")
        }
        let answers = "real account: \(trial.known.summary); \(trial.unknown.sentAs): \(trial.unknown.summary)"
        if trial.known.status == 429 || trial.unknown.status == 429 {
            return .inconclusive(Rules.enumeration, at: location, "rate limited, nothing to compare — \(answers)")
        }
        if trial.purpose == .signUp, !trial.unknown.succeeded {
            return .inconclusive(
                Rules.enumeration, at: location,
                "a new account's sign-up was refused, so a taken account's answer tells nothing — \(answers)")
        }
        if trial.known.status != trial.unknown.status {
            return .failed(Rules.enumeration, at: location, "the status tells them apart — \(answers)")
        }
        if ResponseSimilarity.score(trial.known.bodyExcerpt, trial.unknown.bodyExcerpt) < ResponseSimilarity.threshold {
            return .failed(Rules.enumeration, at: location, "the body tells them apart — \(answers)")
        }
        if let gap = Self.timingGap(trial.knownMilliseconds, trial.unknownMilliseconds) {
            return .failed(
                Rules.enumeration, at: location,
                "the time tells them apart: every real-account sign-in was slower, by \(gap) ms at the median — \(answers)"
            )
        }
        return .passed(Rules.enumeration, at: location, "alike — \(answers)")
    }

    /// The median gap when every `slow` sample exceeds every `fast` one and the medians are at
    /// least 50 ms apart; `nil` otherwise (or without samples).
    static func timingGap(_ slow: [Int], _ fast: [Int]) -> Int? {
        guard let slowest = fast.max(), let quickest = slow.min(), quickest > slowest else { return nil }
        let median = { (values: [Int]) in values.sorted()[values.count / 2] }
        let gap = median(slow) - median(fast)
        return gap >= 50 ? gap : nil
    }
}
