import Foundation
import ScantrailCore

/// Judges the identities' own tokens, offline: unsigned, signed with a key of the dictionary
/// (defaults, the service's names, patterns, word lists), without expiry, living too long, or carrying secrets in their readable claims.
public struct JWTPostureCheck: SecurityCheck {
    /// What one identity's token shows.
    public struct Token: Codable, Sendable {
        /// The identity's name.
        public let identity: String
        /// `alg` of the header.
        public let algorithm: String
        /// Whether its HMAC key is a candidate of the dictionary (the key is not kept).
        public let weakSecret: Bool
        /// The dictionary source the key came from (`built-in defaults`, a word list's path).
        public let keySource: String?
        /// Seconds from `iat` (or now) to `exp`; `nil` without `exp`.
        public let lifetimeSeconds: Int?
        /// Claims whose names suggest secrets or sensitive personal data.
        public let sensitiveClaims: [String]
    }

    /// What the check observed.
    public struct Evidence: Codable, Sendable {
        /// `scheme://host:port`.
        public let origin: String
        /// Longest acceptable lifetime, in hours.
        public let maxLifetimeHours: Int
        /// What the HMAC keys were guessed from, and how many candidates each gave.
        public let dictionary: [JWTKeyDictionary.Source]
        /// One entry per identity whose credential is a JWT.
        public let tokens: [Token]
    }

    /// Claim names that should never be readable in a token.
    static let sensitiveNames = [
        "password", "passwd", "secret", "ssn", "creditcard", "cardnumber", "cvv", "pin", "apikey", "privatekey",
        "iban",
    ]

    private let identities: [Identity]
    private let maxLifetimeHours: Int
    private let dictionary: JWTKeyDictionary

    /// A check of `identities`' tokens; lifetimes over `maxLifetimeHours` fail, HMAC keys
    /// found among `dictionary`'s candidates fail.
    public init(identities: [Identity], maxLifetimeHours: Int = 24, dictionary: JWTKeyDictionary = JWTKeyDictionary()) {
        self.identities = identities
        self.maxLifetimeHours = maxLifetimeHours
        self.dictionary = dictionary
    }

    public static let metadata = CheckMetadata(
        id: "auth.jwt-posture", title: "The identities' JWTs, judged offline", rules: Rules.all)

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        let now = Date()
        var tokens: [Token] = []
        for identity in identities {
            guard let token = JSONWebToken(identity.credential.token) else { continue }
            let lifetime = token.expiry.map { Int($0.timeIntervalSince(token.issuedAt ?? now)) }
            let sensitive = token.claims.keys.filter { name in
                let folded = name.lowercased().filter { $0.isLetter }
                return Self.sensitiveNames.contains { folded.contains($0) }
            }
            let key = try await dictionary.key(of: token)
            tokens.append(
                Token(
                    identity: identity.name, algorithm: token.algorithm, weakSecret: key != nil,
                    keySource: key.flatMap(dictionary.source(of:)), lifetimeSeconds: lifetime,
                    sensitiveClaims: sensitive.sorted()))
        }
        return Evidence(
            origin: target.origin, maxLifetimeHours: maxLifetimeHours, dictionary: dictionary.sources, tokens: tokens)
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        guard !evidence.tokens.isEmpty else {
            let location = Location(origin: evidence.origin, method: nil, path: "/")
            return Rules.all.map { .notApplicable($0, at: location, "no identity's credential is a JWT") }
        }
        return evidence.tokens.flatMap { token -> [Outcome] in
            let location = Location(
                origin: evidence.origin, method: nil, path: "/", discriminator: "identity \(token.identity)")
            func judge(_ rule: Rule, _ failed: Bool, _ detail: String) -> Outcome {
                failed ? .failed(rule, at: location, detail) : .passed(rule, at: location, detail)
            }
            let limit = evidence.maxLifetimeHours * 3600
            let hours = token.lifetimeSeconds.map { "\($0 / 3600) h" } ?? "no exp"
            return [
                judge(Rules.algorithmNone, token.algorithm.lowercased() == "none", "alg \(token.algorithm)"),
                judge(
                    Rules.weakSecret, token.weakSecret,
                    token.weakSecret
                        ? "\(token.algorithm) key is a candidate of the dictionary (\(token.keySource ?? "unknown source"))"
                        : token.algorithm.hasPrefix("HS")
                            ? "\(token.algorithm) key is none of the \(JWTKeyDictionary.summary(evidence.dictionary))"
                            : "alg \(token.algorithm) (not an HMAC key)"),
                judge(Rules.missingExpiry, token.lifetimeSeconds == nil, hours),
                // Without exp there is no lifetime to weigh: jwt.missing-exp is the finding.
                token.lifetimeSeconds.map { lifetime in
                    judge(
                        Rules.longLifetime, lifetime > limit, "lifetime \(hours) (limit \(evidence.maxLifetimeHours) h)"
                    )
                }
                    ?? .notApplicable(
                        Rules.longLifetime, at: location, "no exp: the token never expires (jwt.missing-exp)"),
                judge(
                    Rules.sensitiveClaims, !token.sensitiveClaims.isEmpty,
                    token.sensitiveClaims.isEmpty
                        ? "no claim named like a secret" : "claims \(token.sensitiveClaims.joined(separator: ", "))"),
            ]
        }
    }
}
