import Foundation
import Synchronization

/// The HMAC keys a JWT's signature is tried against, offline and most likely first: the
/// built-in framework and tutorial defaults, words made of the service's own names, short
/// numeric and keyboard patterns, the system word list where one is installed, and the user's
/// word lists. Each token is tried once per scan, whichever check asks first.
public final class JWTKeyDictionary: Sendable {
    /// Where candidates came from, and how many each added that no earlier source had.
    public struct Source: Codable, Sendable, Hashable {
        /// `built-in defaults`, `service names`, `patterns`, or a word list's path.
        public let name: String
        /// Candidates it added.
        public let count: Int
    }

    /// Where Debian's `wamerican` (and the other `dictionaries-common` lists) install.
    public static let systemWordList = "/usr/share/dict/words"

    /// Every candidate, most likely first, without duplicates.
    public let candidates: [String]
    /// What the candidates were made of, in order.
    public let sources: [Source]
    private let recovered = Mutex<[String: Task<String?, Never>]>([:])

    /// A dictionary of the built-in defaults, words made of `serviceNames` (host labels, the
    /// description's title), patterns, and `wordLists` (a name and its words, in order).
    public init(serviceNames: [String] = [], wordLists: [(name: String, words: [String])] = []) {
        let groups =
            [
                ("built-in defaults", WeakSecrets.all), ("service names", Self.variations(of: serviceNames)),
                ("patterns", Self.patterns),
            ] + wordLists.map { ($0.name, $0.words) }
        var seen: Set<String> = []
        var candidates: [String] = []
        var sources: [Source] = []
        for (name, words) in groups {
            let before = candidates.count
            for word in words where !word.isEmpty && seen.insert(word).inserted { candidates.append(word) }
            sources.append(Source(name: name, count: candidates.count - before))
        }
        self.candidates = candidates
        self.sources = sources
    }

    /// The standard dictionary: ``init(serviceNames:wordLists:)`` with the system word list
    /// first among the word lists when it is installed and readable.
    public static func standard(serviceNames: [String], wordLists: [(name: String, words: [String])] = [])
        -> JWTKeyDictionary
    {
        let system = (try? String(contentsOfFile: systemWordList, encoding: .utf8)).map {
            [(name: systemWordList, words: words(in: $0))]
        }
        return JWTKeyDictionary(serviceNames: serviceNames, wordLists: (system ?? []) + wordLists)
    }

    /// The lines of a word list, trimmed, blank ones dropped.
    public static func words(in text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The candidate that signs `token` (a compact JWT); `nil` when none does, or when it is
    /// not an HMAC-signed JWT. Remembered per token.
    public func key(signing token: String) async -> String? {
        guard let token = JSONWebToken(token) else { return nil }
        return await key(of: token)
    }

    /// The key among the candidates that produces `token`'s HMAC signature; `nil` when none
    /// does or the token is not HMAC-signed. Each token is walked once, in a task of its own,
    /// however many checks ask: they wait without holding a thread.
    func key(of token: JSONWebToken) async -> String? {
        let walk = recovered.withLock { walks in
            if let walk = walks[token.text] { return walk }
            let candidates = candidates
            let walk = Task { token.secret(among: candidates) }
            walks[token.text] = walk
            return walk
        }
        return await walk.value
    }

    /// The source that added `key`.
    func source(of key: String) -> String? {
        guard let index = candidates.firstIndex(of: key) else { return nil }
        var end = 0
        return sources.first { source in
            end += source.count
            return index < end
        }?.name
    }

    /// One line for evidence: `118402 candidates (built-in defaults 140, …)`.
    var summary: String { Self.summary(sources) }

    /// ``summary`` of `sources`.
    static func summary(_ sources: [Source]) -> String {
        let parts = sources.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
        return "\(sources.reduce(0) { $0 + $1.count }) candidates (\(parts))"
    }

    // MARK: Generated candidates

    /// Suffixes people add to a service's name to make its key.
    private static let nameSuffixes = [
        "", "secret", "-secret", "_secret", "key", "-key", "_key", "jwt", "-jwt", "_jwt", "jwtsecret", "-jwt-secret",
        "_jwt_secret", "123", "!", "-dev", "-prod",
    ]

    /// Each name (split at dots, hyphens and spaces too), lower-case, capitalised and
    /// upper-case, with and without the usual suffixes.
    static func variations(of names: [String]) -> [String] {
        let parts = names.flatMap { name -> [String] in
            let lower = name.lowercased()
            let words = lower.split { ".- _".contains($0) }.map(String.init).filter { $0.count >= 3 }
            return [lower, words.joined(), words.joined(separator: "-"), words.joined(separator: "_")] + words
        }
        var seen: Set<String> = []
        let bases = parts.filter { !$0.isEmpty && !$0.allSatisfy(\.isNumber) && seen.insert($0).inserted }
        return bases.flatMap { base in
            [base, base.prefix(1).uppercased() + base.dropFirst(), base.uppercased()].flatMap { form in
                nameSuffixes.map { form + $0 }
            }
        }
    }

    /// Keyboard rows and walks a hand types without thinking.
    private static let keyboardWalks = [
        "qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890", "0987654321", "1qaz2wsx3edc4rfv", "qazwsxedcrfv",
        "1q2w3e4r5t6y", "q1w2e3r4t5y6", "!@#$%^&*()", "zaq12wsx", "poiuytrewq", "mnbvcxz",
    ]

    /// Every number of one to four digits (leading zeros too), repeated digits up to twelve,
    /// and the prefixes of keyboard walks, alone and with `123` or `!`.
    static let patterns: [String] = {
        var patterns: [String] = []
        for width in 1...4 {
            let limit = Int(pow(10, Double(width)))
            for number in 0..<limit {
                let digits = String(number)
                patterns.append(String(repeating: "0", count: width - digits.count) + digits)
            }
        }
        for digit in 0...9 {
            for count in 5...12 { patterns.append(String(repeating: String(digit), count: count)) }
        }
        for walk in keyboardWalks {
            for length in 4...walk.count {
                let prefix = String(walk.prefix(length))
                patterns += [prefix, prefix + "123", prefix + "!", prefix.prefix(1).uppercased() + prefix.dropFirst()]
            }
        }
        return patterns
    }()
}
