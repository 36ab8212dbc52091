import Foundation

/// What a leaked secret or piece of sensitive data looks like in a response body.
struct SecretPattern: Sendable {
    /// Which rule a match falls under.
    enum Kind: String, Codable, Sendable {
        case credential
        case passwordHash = "password-hash"
        case sensitiveField = "sensitive-field"
    }

    let kind: Kind
    /// What it is, for the report (`AWS access key`).
    let name: String
    /// The regular expression; the first capture group, if any, is the secret itself.
    let pattern: String
    /// The least Shannon entropy (bits per character) the secret must have; 0 for none.
    let minimumEntropy: Double

    static let all: [SecretPattern] = [
        .init(
            kind: .credential, name: "AWS access key", pattern: #"\b((?:AKIA|ASIA)[0-9A-Z]{16})\b"#, minimumEntropy: 3),
        .init(
            kind: .credential, name: "AWS secret key",
            pattern: #"(?i)aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})"#, minimumEntropy: 4),
        .init(
            kind: .credential, name: "Google API key", pattern: #"\b(AIza[0-9A-Za-z_\-]{35})\b"#, minimumEntropy: 3.5),
        .init(
            kind: .credential, name: "Azure storage key", pattern: #"AccountKey=([A-Za-z0-9+/]{86}==)"#,
            minimumEntropy: 4),
        .init(
            kind: .credential, name: "private key",
            pattern: #"(-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----)"#, minimumEntropy: 0),
        .init(
            kind: .credential, name: "Slack token", pattern: #"\b(xox[baprs]-[0-9A-Za-z-]{10,})\b"#, minimumEntropy: 3),
        .init(
            kind: .credential, name: "GitHub token", pattern: #"\b(gh[pousr]_[A-Za-z0-9]{36,})\b"#, minimumEntropy: 3.5),
        .init(
            kind: .credential, name: "Stripe secret key", pattern: #"\b((?:sk|rk)_live_[0-9A-Za-z]{20,})\b"#,
            minimumEntropy: 3.5),
        .init(
            kind: .credential, name: "JSON Web Token",
            pattern: #"\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})\b"#, minimumEntropy: 4),
        .init(
            kind: .passwordHash, name: "bcrypt hash", pattern: #"(\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53})"#,
            minimumEntropy: 0),
        .init(
            kind: .passwordHash, name: "crypt hash",
            pattern: #"(\$(?:1|5|6)\$[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{22,86})"#, minimumEntropy: 0),
        .init(
            kind: .passwordHash, name: "Argon2 hash", pattern: #"(\$argon2(?:id|i|d)\$v=\d+\$[^\s"']+)"#,
            minimumEntropy: 0),
        .init(
            kind: .sensitiveField, name: "password field",
            pattern: #"(?i)"(?:password|passwd|pwd|password_hash)"\s*:\s*"([^"]{4,})""#, minimumEntropy: 0),
        .init(
            kind: .sensitiveField, name: "secret field",
            pattern:
                #"(?i)"(?:secret|client_secret|api_?key|private_key|access_token|refresh_token)"\s*:\s*"([^"]{8,})""#,
            minimumEntropy: 3),
        .init(
            kind: .sensitiveField, name: "social security number", pattern: #"(?i)"ssn"\s*:\s*"(\d{3}-?\d{2}-?\d{4})""#,
            minimumEntropy: 0),
    ]
}
