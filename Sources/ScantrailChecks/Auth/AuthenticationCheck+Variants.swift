import Foundation
import ScantrailCore

extension AuthenticationCheck {
    /// How a request stands in for an identity's: its raw value starts the name exchanges are
    /// recorded under (`sentAs`), followed by the variation in parentheses where one variant
    /// is sent several ways (`default key (secret)`).
    public enum Variant: String, Codable, Sendable, CaseIterable {
        /// No credential at all.
        case anonymous
        /// A well-formed credential no server issued.
        case garbage = "garbage token"
        /// The identity's JWT with its signature altered.
        case tampered = "tampered signature"
        /// The identity's JWT re-signed with `alg: none`.
        case none = "alg none"
        /// The identity's JWT with its expiry in the past, re-signed when the key is a known word.
        case expired
        /// The identity's claims signed HS256 with one of the most common default keys.
        case defaultKey = "default key"
        /// The identity's claims signed HS256 with the server's own published public key.
        case confusion = "alg confusion"
        /// The identity's claims signed with an empty key, `kid` naming `/dev/null`.
        case keyPath = "kid path"

        /// The variants that forge a signature the server should not accept; a server that
        /// does not verify signatures at all (or any credential) accepts them for that reason.
        static let forgeries: [Variant] = [.defaultKey, .confusion, .keyPath]

        /// Whether `record` was sent as this variant.
        func sent(_ record: ExchangeRecord) -> Bool {
            record.sentAs == rawValue || record.sentAs.hasPrefix(rawValue + " (")
        }
    }

    /// One identity's credential and its variants.
    struct CredentialVariants: Sendable {
        /// One request's credential.
        struct Sent: Sendable {
            /// What it varies.
            let variant: Variant
            /// The name it is recorded under.
            let name: String
            /// The credential it carries (none: anonymous).
            let credential: Identity.Credential?
        }

        /// The identity.
        let identity: Identity
        /// The credentials sent, in order.
        let sent: [Sent]
        /// Variants that cannot be built, with why.
        let untried: [Variant: String]
    }

    /// What forging needs besides the identity: keys to guess, keys the server published.
    struct ForgeryInputs: Sendable {
        /// Candidate HMAC keys.
        let dictionary: JWTKeyDictionary
        /// The server's published public keys.
        let published: ServerPublicKeys
        /// Now, for expiry.
        let now: Date
    }

    /// `kid` values that make a file-reading verifier use the empty contents of `/dev/null`.
    static let nullKeyPaths = ["/dev/null", "../../../../../../../../dev/null"]

    /// The variants of one identity's credential, and those that cannot be built, with why.
    static func variants(of identity: Identity, _ inputs: ForgeryInputs) async throws -> CredentialVariants {
        var sent = [
            CredentialVariants.Sent(variant: .anonymous, name: Variant.anonymous.rawValue, credential: nil),
            CredentialVariants.Sent(
                variant: .garbage, name: Variant.garbage.rawValue,
                credential: identity.credential.replacingToken(with: "scantrail-invalid-credential-0000")),
        ]
        guard let token = JSONWebToken(identity.credential.token) else {
            let reason = "\(identity.name)'s credential is not a JWT"
            let jwt = Variant.allCases.filter { ![.anonymous, .garbage].contains($0) }
            return CredentialVariants(
                identity: identity, sent: sent, untried: Dictionary(uniqueKeysWithValues: jwt.map { ($0, reason) }))
        }
        func add(_ variant: Variant, _ forged: String, as variation: String? = nil) {
            sent.append(
                CredentialVariants.Sent(
                    variant: variant, name: variation.map { "\(variant.rawValue) (\($0))" } ?? variant.rawValue,
                    credential: identity.credential.replacingToken(with: forged)))
        }
        var untried: [Variant: String] = [:]
        add(.tampered, token.withTamperedSignature)
        add(.none, token.withAlgorithmNone)
        let ownKey = try await inputs.dictionary.key(of: token)
        if let ownKey, let expired = token.expired(signedWith: Array(ownKey.utf8), now: inputs.now) {
            add(.expired, expired)
        } else if token.algorithm.hasPrefix("HS") {
            untried[.expired] =
                "signing an expired token needs \(identity.name)'s key, not among the \(inputs.dictionary.summary)"
        } else {
            untried[.expired] = "\(identity.name)'s token is \(token.algorithm): an expired one needs the private key"
        }
        if let ownKey, WeakSecrets.mostCommon.contains(ownKey) {
            untried[.defaultKey] =
                "\(identity.name)'s own tokens are signed with a default key (jwt.weak-secret): any forgery verifies"
        } else {
            for key in WeakSecrets.mostCommon {
                add(
                    .defaultKey, token.forged(header: ["kid": nil, "jku": nil, "x5u": nil], key: Array(key.utf8)),
                    as: key)
            }
        }
        for path in nullKeyPaths { add(.keyPath, token.forged(header: ["kid": .string(path)], key: []), as: path) }
        if let key = inputs.published.key(for: token) {
            add(.confusion, token.forged(key: Array(key.pem.utf8)), as: "\(key.type) key as PEM")
            add(
                .confusion, token.forged(key: Array((key.pem + "\n").utf8)),
                as: "\(key.type) key as PEM with final newline")
        } else {
            untried[.confusion] =
                token.algorithm.hasPrefix("HS")
                ? "\(identity.name)'s token is \(token.algorithm), not signed with a public key"
                : inputs.published.source.map { "no published key fits \(token.algorithm) (read \($0))" }
                    ?? "no published key found (\(ServerPublicKeys.paths.joined(separator: ", ")))"
        }
        return CredentialVariants(identity: identity, sent: sent, untried: untried)
    }
}
