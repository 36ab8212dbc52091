import Foundation
import ScantrailCore

/// Probes the catalogue of sensitive files and endpoints, and reports one only when its content
/// is really there: a success that is not the server's soft-404, of the expected kind (page or
/// not), matching its signatures. Evidence keeps facts and a masked excerpt, never the secrets.
public struct ExposureCheck: SecurityCheck {
    /// What one probe observed.
    public struct Observation: Codable, Sendable {
        /// The path probed.
        public let path: String
        /// The rule it would report.
        public let ruleID: String
        /// Status, when a response came.
        public let status: Int?
        /// Media type of the response.
        public let mediaType: String?
        /// Why there is no usable response (transport failure, persistent 429).
        public let inconclusive: String?
        /// Whether the response matched the server's answer to random paths of the same shape.
        public let softNotFound: Bool
        /// Whether the body looks like an HTML page.
        public let looksLikeHTML: Bool
        /// Whether the content matched the probe's signatures or magic bytes.
        public let contentMatches: Bool
        /// The start of the body with long words masked.
        public let maskedExcerpt: String
    }

    /// Everything observed.
    public struct Evidence: Codable, Sendable {
        /// The probed origin.
        public let origin: String
        /// One observation per catalogue entry, in catalogue order.
        public let observations: [Observation]
    }

    private let probes: [ExposureProbe]

    /// Creates the check over `probes` (the whole catalogue by default).
    public init(probes: [ExposureProbe] = ExposureCatalogue.probes) {
        self.probes = probes
    }

    public static let metadata = CheckMetadata(
        id: "exposure.files",
        title: "Exposed files and endpoints",
        rules: ExposureKind.allCases.map(\.rule)
    )

    /// Sends every probe once per scan: the paths learnt for the surface checks
    /// (``exposed(on:context:)``) read the same observations.
    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        try await context.memo.value("exposure.files " + probes.map(\.path).joined(separator: " ")) {
            let observations = try await context.concurrentMap(probes) { probe in
                try await observe(probe, on: target, context: context)
            }
            return Evidence(origin: target.origin, observations: observations)
        }
    }

    /// The probes whose content is really there on `target` (those ``evaluate(_:)`` fails), in
    /// catalogue order, observed once per scan.
    func exposed(on target: ScanTarget, context: ScanContext) async throws -> [ExposureProbe] {
        let evidence = try await collect(target, context: context)
        return zip(probes, evidence.observations).filter { probe, observation in
            judge(observation, of: probe, origin: evidence.origin).status == .failed
        }
        .map(\.0)
    }

    private func observe(_ probe: ExposureProbe, on target: ScanTarget, context: ScanContext) async throws
        -> Observation
    {
        var request = ProbeRequest(url: target.url(path: probe.path))
        // Each path is asked once; keeping every answer for reuse would only cost memory and time.
        request.acceptsEarlierAnswer = false
        let exchange = try await context.http.send(request)
        guard exchange.inconclusiveReason == nil, let response = exchange.response else {
            return Observation(
                path: probe.path, ruleID: probe.kind.rawValue, status: exchange.response?.status, mediaType: nil,
                inconclusive: exchange.inconclusiveReason ?? "no response", softNotFound: false, looksLikeHTML: false,
                contentMatches: false, maskedExcerpt: "")
        }
        guard (200...299).contains(response.status) else {
            // Only a success can expose anything: its content is not even read.
            return Observation(
                path: probe.path, ruleID: probe.kind.rawValue, status: response.status, mediaType: response.mediaType,
                inconclusive: nil, softNotFound: false, looksLikeHTML: false, contentMatches: false, maskedExcerpt: "")
        }
        let text = String(decoding: response.body.prefix(HTTPExchange.bodyExcerptLimit), as: UTF8.self)
        return Observation(
            path: probe.path, ruleID: probe.kind.rawValue, status: response.status, mediaType: response.mediaType,
            inconclusive: nil, softNotFound: try await context.softNotFound.isSoftNotFound(response, path: probe.path),
            looksLikeHTML: Self.looksLikeHTML(text, mediaType: response.mediaType),
            contentMatches: Self.matches(probe, text: text, body: response.body),
            maskedExcerpt: Masking.mask(String(text.prefix(160))))
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        evidence.observations.compactMap { observation in
            guard
                let probe = probes.first(where: {
                    $0.path == observation.path && $0.kind.rawValue == observation.ruleID
                })
            else { return nil }
            return judge(observation, of: probe, origin: evidence.origin)
        }
    }

    /// The outcome of `probe`'s rule for what it observed.
    private func judge(_ observation: Observation, of probe: ExposureProbe, origin: String) -> Outcome {
        let location = Location(origin: origin, method: "GET", path: observation.path)
        let rule = probe.kind.rule
        if let reason = observation.inconclusive {
            return .inconclusive(rule, at: location, reason)
        }
        let status = observation.status ?? 0
        guard (200...299).contains(status) else {
            return .passed(rule, at: location, "answered \(status)")
        }
        if observation.softNotFound {
            return .passed(rule, at: location, "answered \(status) like any missing path (soft-404)")
        }
        if observation.looksLikeHTML != probe.isHTML {
            let kindSeen = observation.looksLikeHTML ? "an HTML page" : "not an HTML page"
            return .passed(rule, at: location, "answered \(status) with \(kindSeen), not the expected content")
        }
        guard observation.contentMatches else {
            return .passed(rule, at: location, "answered \(status) but the content does not match")
        }
        return .failed(rule, at: location, "answered \(status) with matching content: \(observation.maskedExcerpt)")
    }

    /// Whether `text` is an HTML page, by media type or by its first tags.
    static func looksLikeHTML(_ text: String, mediaType: String?) -> Bool {
        if mediaType == "text/html" || mediaType == "application/xhtml+xml" { return true }
        let head = text.prefix(1024).lowercased()
        return head.contains("<html") || head.contains("<!doctype html") || head.contains("<body")
    }

    /// Whether the body matches `probe`: every signature, or one of the magic prefixes.
    static func matches(_ probe: ExposureProbe, text: String, body: Data) -> Bool {
        if !probe.magic.isEmpty {
            let prefix = body.prefix(16).hexString
            return probe.magic.contains { prefix.hasPrefix($0) }
        }
        return probe.signatures.allSatisfy {
            text.range(of: $0, options: [.regularExpression, .caseInsensitive]) != nil
        }
    }
}
