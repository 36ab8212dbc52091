import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// Compares the documented API with what answers: documented operations that are gone, and
/// undocumented siblings that still serve — other versions (`/v1` beside `/v2`) and
/// `/internal`, `/admin`, `/debug` twins of documented paths. Only GET is sent.
public struct InventoryCheck: SecurityCheck {
    /// One path asked.
    public struct Probe: Codable, Sendable {
        /// The documented operation, or the undocumented path tried.
        public let path: String
        /// The answer.
        public let record: ExchangeRecord
        /// Whether the answer matched the server's own not-found page.
        public let softNotFound: Bool
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
    static let siblingLimit = 40

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
        let siblings = try await context.concurrentMap(Self.siblings(of: api.inventory.operations)) { path in
            try await observe(
                path, Identity.apply(credential, to: ProbeRequest(url: target.url(path: base + path))), context)
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

    /// Undocumented paths worth asking: each documented GET path (without parameters) under the
    /// neighbouring versions and under `/internal`, `/admin` and `/debug`.
    static func siblings(of operations: [APIOperation]) -> [String] {
        let documented = Set(operations.map(\.path))
        let paths = Set(operations.filter { $0.method == "GET" && $0.pathParameters.isEmpty }.map(\.path))
        var candidates: Set<String> = []
        for path in paths {
            let segments = path.split(separator: "/").map(String.init)
            for (index, segment) in segments.enumerated() {
                guard segment.count >= 2, segment.first == "v", let number = Int(segment.dropFirst()) else { continue }
                for other in [number - 1, number + 1] where other >= 1 {
                    var changed = segments
                    changed[index] = "v\(other)"
                    candidates.insert("/" + changed.joined(separator: "/"))
                }
            }
            for prefix in ["internal", "admin", "debug"] where segments.first != prefix {
                candidates.insert("/\(prefix)" + path)
            }
        }
        return Array(candidates.subtracting(documented).sorted().prefix(siblingLimit))
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
            guard let status = probe.record.status else {
                return .inconclusive(Rules.undocumented, at: location, probe.record.summary)
            }
            if !probe.softNotFound, (200..<300).contains(status) || status == 401 || status == 403 {
                return .failed(
                    Rules.undocumented, at: location, "not in the document, but answers \(probe.record.summary)")
            }
            let why = probe.softNotFound ? "the server's catch-all answer" : probe.record.summary
            return .passed(Rules.undocumented, at: location, "not in the document, and answers \(why)")
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
