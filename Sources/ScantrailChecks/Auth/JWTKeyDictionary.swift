import Foundation
import Synchronization

/// The HMAC keys a JWT's signature is tried against, offline and most likely first: the
/// built-in framework and tutorial defaults, words made of the service's own names, short
/// numeric, keyboard and date patterns, the public JWT secrets and an English word list built
/// into the binary (the same on every machine), the user's word lists, and last every number of
/// five and six digits, generated as it is tried. Each token is tried once per scan, whichever
/// check asks first; the lists are put together when a first token is tried, not before.
public final class JWTKeyDictionary: Sendable {
    /// Where candidates came from, and how many each added that no earlier source had.
    public struct Source: Codable, Sendable, Hashable {
        /// `built-in defaults`, `service names`, `patterns`, a list's name, or a word list's path.
        public let name: String
        /// Candidates it added.
        public let count: Int
    }

    /// The numbers generated after the lists: every number of five and six digits, leading zeros
    /// too. (Seven and eight digits would take minutes per token on one core, past any scan's
    /// deadline; a `--jwt-wordlist` can add them.)
    static let generated = NumberKeys(widths: 5...6)

    private let serviceNames: [String]
    private let wordLists: [(name: String, words: [String])]
    private let built = Mutex<Listed?>(nil)
    private let recovered = Mutex<[String: Task<String?, Never>]>([:])

    /// A dictionary of the built-in defaults, words made of `serviceNames` (host labels, the
    /// description's title), patterns, the built-in lists, and `wordLists` (a name and its
    /// words, in order), then the generated numbers.
    public init(serviceNames: [String] = [], wordLists: [(name: String, words: [String])] = []) {
        self.serviceNames = serviceNames
        self.wordLists = wordLists
    }

    /// The listed candidates, most likely first, without duplicates (the generated numbers
    /// follow them), as lines for the search too, and what they were made of, in order.
    struct Listed: Sendable {
        let candidates: [String]
        let lines: KeyLines
        let sources: [Source]
    }

    /// ``Listed``, put together on first use.
    var listed: Listed {
        built.withLock { built in
            if let built { return built }
            let groups =
                [
                    ("built-in defaults", WeakSecrets.all), ("service names", Self.variations(of: serviceNames)),
                    ("patterns", Self.patterns), ("public JWT secrets", ShippedKeyLists.jwtSecrets),
                    ("English words", ShippedKeyLists.englishWords), ("dates", Self.dates),
                ] + wordLists.map { ($0.name, $0.words) }
            var seen: Set<String> = []
            var candidates: [String] = []
            var sources: [Source] = []
            for (name, words) in groups {
                let before = candidates.count
                for word in words where !word.isEmpty && seen.insert(word).inserted { candidates.append(word) }
                sources.append(Source(name: name, count: candidates.count - before))
            }
            let listed = Listed(
                candidates: candidates, lines: KeyLines(candidates, linesPerChunk: HMACSearch.chunk), sources: sources)
            built = listed
            return listed
        }
    }

    /// What the candidates were made of, in order, the generated numbers last.
    public var sources: [Source] {
        listed.sources + [Source(name: Self.generated.name, count: Self.generated.count)]
    }

    /// How many candidates a token that none signs is tried against.
    public var count: Int { listed.candidates.count + Self.generated.count }

    /// The lines of a word list, trimmed, blank ones dropped.
    public static func words(in text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The candidate that signs `token` (a compact JWT); `nil` when none does, or when it is
    /// not an HMAC-signed JWT. Remembered per token.
    ///
    /// - Throws: `CancellationError` when the task is cancelled while the candidates are tried.
    public func key(signing token: String) async throws -> String? {
        guard let token = JSONWebToken(token) else { return nil }
        return try await key(of: token)
    }

    /// The key among the candidates that produces `token`'s HMAC signature; `nil` when none
    /// does or the token is not HMAC-signed. Each token is walked once, in a task of its own,
    /// however many checks ask: they wait without holding a thread. A waiter cancelled (the
    /// scan's deadline) stops the walk, which is then forgotten, never taken for "no key".
    ///
    /// - Throws: `CancellationError` when the walk was stopped before it ended.
    func key(of token: JSONWebToken) async throws -> String? {
        let walk = recovered.withLock { walks in
            if let walk = walks[token.text] { return walk }
            let walk = Task { [self] () -> String? in
                guard let search = HMACSearch(token) else { return nil }
                if let key = await search.first(in: listed.lines) { return key }
                return await search.first(in: Self.generated)
            }
            walks[token.text] = walk
            return walk
        }
        let key = await withTaskCancellationHandler {
            await walk.value
        } onCancel: {
            walk.cancel()
        }
        guard !walk.isCancelled else {
            recovered.withLock { $0[token.text] = nil }
            throw CancellationError()
        }
        return key
    }

    /// The source that added `key`.
    func source(of key: String) -> String? {
        let (candidates, sources) = (listed.candidates, listed.sources)
        guard let index = candidates.firstIndex(of: key) else {
            return Self.generated.contains(key) ? Self.generated.name : nil
        }
        var end = 0
        return sources.first { source in
            end += source.count
            return index < end
        }?.name
    }

    /// One line for evidence: `1442402 candidates (built-in defaults 140, …)`.
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

    /// Dates people use as keys, 1950 to 2035: `YYYYMMDD`, `DDMMYYYY`, `MMDDYYYY` and `YYYY-MM-DD`.
    static let dates: [String] = {
        var dates: [String] = []
        for year in 1950...2035 {
            for month in 1...12 {
                for day in 1...31 {
                    let (y, m, d) = (String(year), String(format: "%02d", month), String(format: "%02d", day))
                    dates += [y + m + d, d + m + y, m + d + y, "\(y)-\(m)-\(d)"]
                }
            }
        }
        return dates
    }()

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
