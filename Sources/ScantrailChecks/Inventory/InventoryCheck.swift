import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// Compares the documented API with what answers: documented operations that are gone, and
/// undocumented paths that still serve — an older version (`/v1` beside `/v2`), a newer or
/// `beta` one, `/internal`, `/admin`, `/debug` twins of documented paths, their plural or
/// singular siblings (`/user` beside `/users`), and a compact list of paths APIs leave out of
/// their descriptions (`/debug/env`, `/internal`, `/export`…) under the base and each version
/// prefix. Paths the exposure check probes are left to it. Only GET is sent.
public struct InventoryCheck: SecurityCheck {
    /// What an undocumented path is to the documented ones.
    public enum Relation: String, Codable, Sendable {
        /// A documented path under an older version (`/v1/items` beside `/v2/items`).
        case olderVersion
        /// Under a newer version, or `beta`.
        case newerVersion
        /// An `/internal`, `/admin` or `/debug` twin, or a plural or singular sibling.
        case twin
        /// From the list of paths APIs leave out of their descriptions.
        case common
    }

    /// One path asked.
    public struct Probe: Codable, Sendable {
        /// The documented operation, or the undocumented path tried.
        public let path: String
        /// The answer.
        public let record: ExchangeRecord
        /// Whether the answer matched the server's own not-found page.
        public let softNotFound: Bool
        /// What an undocumented path is to the documented ones; `nil` for a documented operation
        /// (and in evidence stored before it was kept).
        public var relation: Relation? = nil
    }

    /// What the check observed.
    public struct Evidence: Codable, Sendable {
        /// `scheme://host:port`.
        public let origin: String
        /// Documented GET operations without path parameters, asked as the first identity.
        public let documented: [Probe]
        /// Undocumented siblings asked.
        public let siblings: [Probe]
    }

    /// Most undocumented paths tried.
    static let siblingLimit = 60

    /// Paths APIs leave out of their descriptions, tried under the base path and each version
    /// prefix. A health or status check is not among them: one that answers is no flaw.
    static let commonPaths = [
        "/debug", "/debug/env", "/debug/config", "/internal", "/admin", "/export", "/backup", "/config", "/test",
    ]

    private let api: APIUnderTest

    /// A check of `api`'s documented operations against what answers.
    public init(api: APIUnderTest) {
        self.api = api
    }

    public static let metadata = CheckMetadata(
        id: "inventory.drift", title: "Documented operations against what answers", rules: Rules.all)

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        let credential = try await api.identities.first?.currentCredential()
        let base = api.basePath(of: target)
        let documented = api.inventory.operations.filter { $0.method == "GET" && $0.pathParameters.isEmpty }
        let known = try await context.concurrentMap(documented) { operation in
            try await observe(operation.label, api.request(operation, on: target, credential: credential), context)
        }
        let exposed = Set(ExposureCatalogue.probes.map(\.path))
        let candidates = Self.siblings(of: api.inventory.operations).filter { !exposed.contains(base + $0.path) }
        let siblings = try await context.concurrentMap(candidates) { path, relation in
            var probe = try await observe(
                path, Identity.apply(credential, to: ProbeRequest(url: target.url(path: base + path))), context)
            probe.relation = relation
            return probe
        }
        return Evidence(origin: target.origin, documented: known, siblings: siblings)
    }

    /// Sends `request` (for `label`) and notes whether the answer is the server's not-found page
    /// in disguise.
    private func observe(_ label: String, _ request: ProbeRequest, _ context: ScanContext) async throws -> Probe {
        let exchange = try await context.http.send(request)
        let soft = try await context.softNotFound.isSoftNotFound(exchange)
        let sentAs = api.identities.first?.name ?? "anonymous"
        return Probe(
            path: label, record: ExchangeRecord(exchange, sentAs: sentAs, secrets: api.secrets), softNotFound: soft)
    }

    /// Undocumented paths worth asking, each with what it is to the documented ones: every
    /// documented GET path without parameters under the neighbouring versions and `beta`,
    /// under `/internal`, `/admin` and `/debug`, with its last word plural or singular; and
    /// ``commonPaths`` under the base and each version prefix. At most ``siblingLimit``, older
    /// versions first.
    static func siblings(of operations: [APIOperation]) -> [(path: String, relation: Relation)] {
        let documented = Set(operations.map(\.path))
        let paths = Set(operations.filter { $0.method == "GET" && $0.pathParameters.isEmpty }.map(\.path))
        var candidates: [String: Relation] = [:]
        func add(_ segments: [String], _ relation: Relation) {
            let path = "/" + segments.joined(separator: "/")
            if !documented.contains(path), candidates[path] == nil { candidates[path] = relation }
        }
        var prefixes: Set<String> = [""]
        for path in paths {
            let segments = path.split(separator: "/").map(String.init)
            for (index, segment) in segments.enumerated() {
                guard let number = version(segment) else { continue }
                prefixes.insert("/" + segments[...index].joined(separator: "/"))
                for (other, relation) in [
                    ("v\(number - 1)", Relation.olderVersion), ("v\(number + 1)", .newerVersion),
                    ("beta", .newerVersion),
                ] where other != "v0" {
                    var changed = segments
                    changed[index] = other
                    add(changed, relation)
                }
            }
            for prefix in ["internal", "admin", "debug"] where segments.first != prefix {
                add([prefix] + segments, .twin)
            }
            if let last = segments.indices.last, version(segments[last]) == nil, let other = inflected(segments[last]) {
                var changed = segments
                changed[last] = other
                add(changed, .twin)
            }
        }
        for prefix in prefixes.sorted() {
            for path in commonPaths { add((prefix + path).split(separator: "/").map(String.init), .common) }
        }
        let order: [Relation] = [.olderVersion, .newerVersion, .twin, .common]
        return candidates.sorted { first, second in
            (order.firstIndex(of: first.value)!, first.key) < (order.firstIndex(of: second.value)!, second.key)
        }.prefix(siblingLimit).map { ($0.key, $0.value) }
    }

    /// The number of a version segment (`v2` → 2).
    private static func version(_ segment: String) -> Int? {
        guard segment.count >= 2, segment.first == "v" else { return nil }
        return Int(segment.dropFirst())
    }

    /// A lowercase word's plural or singular (`users` ↔ `user`, `categories` ↔ `category`);
    /// `nil` for what is not a plain word.
    static func inflected(_ word: String) -> String? {
        guard word.count >= 3, word.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return nil }
        if word.hasSuffix("ies") { return word.dropLast(3) + "y" }
        if word.hasSuffix("ss") || word.hasSuffix("us") { return word + "es" }
        if word.hasSuffix("s") { return String(word.dropLast()) }
        if word.hasSuffix("y"), !"aeiou".contains(word.dropLast().last!) { return word.dropLast() + "ies" }
        return word + "s"
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        var outcomes: [Outcome] = evidence.documented.map { probe in
            let location = Location(origin: evidence.origin, operation: probe.path)
            guard let status = probe.record.status else {
                return .inconclusive(Rules.documentedMissing, at: location, probe.record.summary)
            }
            if [404, 405, 410, 501].contains(status) || probe.softNotFound {
                return .failed(Rules.documentedMissing, at: location, "documented, but answers \(probe.record.summary)")
            }
            return .passed(Rules.documentedMissing, at: location, "answers \(probe.record.summary)")
        }
        // Each sibling is judged at its own path, so a finding there closes once it stops answering.
        outcomes += evidence.siblings.map { probe in
            let location = Location(origin: evidence.origin, method: "GET", path: probe.path)
            let rule = probe.relation == .olderVersion ? Rules.olderVersion : Rules.undocumented
            guard let status = probe.record.status else {
                return .inconclusive(rule, at: location, probe.record.summary)
            }
            if !probe.softNotFound, (200..<300).contains(status) || status == 401 || status == 403 {
                let what =
                    probe.relation == .olderVersion ? "an older version of a documented path" : "not in the document"
                return .failed(rule, at: location, "\(what), but answers \(probe.record.summary)")
            }
            let why = probe.softNotFound ? "the server's catch-all answer" : probe.record.summary
            return .passed(rule, at: location, "not in the document, and answers \(why)")
        }
        if evidence.siblings.isEmpty {
            outcomes.append(
                .notApplicable(
                    Rules.undocumented, at: Location(origin: evidence.origin, method: "GET", path: "/"),
                    "no documented path to derive undocumented siblings from"))
        }
        return outcomes
    }
}
