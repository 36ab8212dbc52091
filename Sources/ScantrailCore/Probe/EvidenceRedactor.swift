import Foundation

/// The one redaction step every piece of evidence passes through before it is evaluated,
/// reported or stored, whichever check collected it: secrets recognised by their shape (cloud
/// keys, private keys, tokens, password hashes, password-like JSON fields) keep their first
/// four characters and lose the rest; secrets known to the scan (the identities' credentials,
/// the values of configured headers and of `${VAR}`s) are replaced whole.
public struct EvidenceRedactor: Sendable {
    /// A secret recognisable by its shape.
    public struct Shape: Sendable {
        /// A regular expression; its first capture group, when it has one, is the secret.
        public let pattern: String
        /// The least Shannon entropy (bits per character) a match must have; 0 for none.
        public let minimumEntropy: Double

        /// Creates a shape.
        public init(pattern: String, minimumEntropy: Double = 0) {
            self.pattern = pattern
            self.minimumEntropy = minimumEntropy
        }
    }

    /// Compiled once; `NSRegularExpression` matching is safe from any thread.
    private final class Compiled: @unchecked Sendable {
        let expressions: [(NSRegularExpression, Double)]

        init(_ shapes: [Shape]) {
            expressions = shapes.compactMap { shape in
                (try? NSRegularExpression(pattern: shape.pattern)).map { ($0, shape.minimumEntropy) }
            }
        }
    }

    private let compiled: Compiled
    private let knownSecrets: [String]

    /// Secrets shorter than this are not looked for by value: they would mask ordinary words.
    public static let shortestKnownSecret = 6

    /// A redactor for `shapes` and the `knownSecrets` of one scan.
    public init(shapes: [Shape], knownSecrets: [String] = []) {
        self.init(compiled: Compiled(shapes), knownSecrets: knownSecrets)
    }

    /// The same shapes, with `secrets` known as well.
    public func knowing(_ secrets: [String]) -> EvidenceRedactor {
        EvidenceRedactor(compiled: compiled, knownSecrets: knownSecrets + secrets)
    }

    private init(compiled: Compiled, knownSecrets: [String]) {
        self.compiled = compiled
        // Longest first, so that a secret containing another is replaced whole.
        self.knownSecrets = Set(knownSecrets.filter { $0.count >= Self.shortestKnownSecret })
            .sorted { ($0.count, $0) > ($1.count, $1) }
    }

    /// `text` with every secret masked.
    public func redact(_ text: String) -> String {
        var result = knownSecrets.reduce(text) { text, secret in
            text.contains(secret) ? text.replacingOccurrences(of: secret, with: Redaction.marker) : text
        }
        for (expression, minimumEntropy) in compiled.expressions {
            let matches = expression.matches(in: result, range: NSRange(result.startIndex..., in: result))
            // Back to front, so earlier ranges stay valid.
            for match in matches.reversed() {
                let captured = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
                guard let range = Range(captured, in: result) else { continue }
                let secret = String(result[range])
                guard !secret.hasSuffix(Self.masking), Self.entropy(secret) >= minimumEntropy else { continue }
                result.replaceSubrange(range, with: secret.prefix(4) + Self.masking)
            }
        }
        return result
    }

    /// `value` with every string in it redacted.
    public func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(redact(text))
        case .array(let items): .array(items.map(redact))
        case .object(let fields): .object(fields.mapValues(redact))
        case .null, .bool, .number: value
        }
    }

    /// What replaces a secret after its first four characters.
    static let masking = "…[REDACTED]"

    /// Bits per character of `text`.
    public static func entropy(_ text: String) -> Double {
        var counts: [Character: Int] = [:]
        for character in text { counts[character, default: 0] += 1 }
        let length = Double(text.count)
        return counts.values.reduce(0) { sum, count in
            let p = Double(count) / length
            return sum - p * log2(p)
        }
    }
}
