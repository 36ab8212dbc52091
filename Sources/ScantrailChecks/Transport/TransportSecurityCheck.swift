import Foundation
import ScantrailCore

/// Judges encryption in transit from the HTTP side: whether the API also answers in cleartext
/// (instead of redirecting to HTTPS) and whether HTTPS responses pin browsers to HTTPS with HSTS.
public struct TransportSecurityCheck: SecurityCheck {
    /// HSTS max-age below this (180 days) is too short to matter.
    public static let minimumHSTSMaxAge = 15_552_000

    /// What was observed on both sides.
    public struct Evidence: Codable, Sendable {
        /// The cleartext URL probed, or `nil` when its port is unknown.
        public let cleartextURL: String?
        /// The exchange on the cleartext URL.
        public let cleartext: HTTPExchange?
        /// The HTTPS URL judged for HSTS, or `nil` when the API offered no HTTPS.
        public let httpsURL: String?
        /// The exchange on the HTTPS URL.
        public let https: HTTPExchange?
        /// Why one side could not be probed.
        public let note: String?
    }

    /// Creates the check.
    public init() {}

    public static let metadata = CheckMetadata(
        id: "transport.https",
        title: "HTTPS enforcement and HSTS",
        rules: [Rules.cleartext, Rules.hstsMissing, Rules.hstsWeak]
    )

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        if target.isHTTPS {
            let https = try await context.http.send(ProbeRequest(url: target.url))
            let port = context.configuration.cleartextPort ?? (target.port == 443 ? 80 : nil)
            guard let port else {
                return Evidence(
                    cleartextURL: nil, cleartext: nil, httpsURL: target.url, https: https,
                    note:
                        "the cleartext port of an HTTPS API on port \(target.port) is unknown; give it with --http-port"
                )
            }
            let cleartextURL = target.with(scheme: "http", port: port).url
            let cleartext = try await context.http.send(ProbeRequest(url: cleartextURL))
            return Evidence(
                cleartextURL: cleartextURL, cleartext: cleartext, httpsURL: target.url, https: https, note: nil)
        }
        let cleartext = try await context.http.send(ProbeRequest(url: target.url))
        guard let location = Self.httpsRedirect(of: cleartext) else {
            return Evidence(cleartextURL: target.url, cleartext: cleartext, httpsURL: nil, https: nil, note: nil)
        }
        let https = try await context.http.send(ProbeRequest(url: location))
        return Evidence(cleartextURL: target.url, cleartext: cleartext, httpsURL: location, https: https, note: nil)
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        judgeCleartext(evidence) + judgeHSTS(evidence)
    }

    private func judgeCleartext(_ evidence: Evidence) -> [Outcome] {
        let rule = Rules.cleartext
        guard let url = evidence.cleartextURL, let target = try? ScanTarget(parsing: url) else {
            let fallback = evidence.httpsURL.flatMap { try? ScanTarget(parsing: $0) }
            return fallback.map {
                [.inconclusive(rule, at: $0.location(), evidence.note ?? "cleartext side not probed")]
            } ?? []
        }
        let location = target.location()
        guard let exchange = evidence.cleartext else {
            return [.inconclusive(rule, at: location, evidence.note ?? "cleartext side not probed")]
        }
        if let failure = exchange.failure {
            return failure.code == .connectionRefused
                ? [
                    .passed(
                        rule, at: location,
                        "nothing listens for cleartext HTTP on port \(target.port) (connection refused)")
                ]
                : [.inconclusive(rule, at: location, failure.description)]
        }
        guard let response = exchange.response else { return [] }
        if let redirect = Self.httpsRedirect(of: exchange) {
            return [.passed(rule, at: location, "cleartext HTTP answers \(response.status) redirecting to \(redirect)")]
        }
        if response.status == 429 {
            return [.inconclusive(rule, at: location, exchange.inconclusiveReason ?? "rate limited")]
        }
        return [.failed(rule, at: location, "the API answers over cleartext HTTP with status \(response.status)")]
    }

    private func judgeHSTS(_ evidence: Evidence) -> [Outcome] {
        guard let url = evidence.httpsURL, let target = try? ScanTarget(parsing: url) else {
            // Only a cleartext API: nothing to judge HSTS on; the cleartext finding says why.
            guard let url = evidence.cleartextURL, let target = try? ScanTarget(parsing: url) else { return [] }
            return [.inconclusive(Rules.hstsMissing, at: target.location(), "no HTTPS response to inspect")]
        }
        let location = target.location()
        guard let exchange = evidence.https, let response = exchange.response, exchange.inconclusiveReason == nil else {
            let reason = evidence.https?.inconclusiveReason ?? "HTTPS side not probed"
            return [
                .inconclusive(Rules.hstsMissing, at: location, reason),
                .inconclusive(Rules.hstsWeak, at: location, reason),
            ]
        }
        guard let value = response.headers.first("Strict-Transport-Security") else {
            return [.failed(Rules.hstsMissing, at: location, "Strict-Transport-Security is absent")]
        }
        let present = Outcome.passed(Rules.hstsMissing, at: location, "Strict-Transport-Security: \(value)")
        let policy = StrictTransportSecurity(value)
        var problems: [String] = []
        if let maxAge = policy.maxAge {
            if maxAge < Self.minimumHSTSMaxAge {
                problems.append("max-age=\(maxAge) is under 180 days (\(Self.minimumHSTSMaxAge))")
            }
        } else {
            problems.append("max-age is missing or invalid")
        }
        if !policy.includesSubDomains {
            problems.append("includeSubDomains is not set")
        }
        return problems.isEmpty
            ? [present, .passed(Rules.hstsWeak, at: location, "Strict-Transport-Security: \(value)")]
            : [present, .failed(Rules.hstsWeak, at: location, problems.joined(separator: "; "))]
    }

    /// The HTTPS URL a cleartext response redirects to, if it does.
    static func httpsRedirect(of exchange: HTTPExchange) -> String? {
        guard let response = exchange.response, response.isRedirect,
            let location = response.headers.first("Location"),
            let resolved = URL(string: location, relativeTo: URL(string: exchange.request.url))?.absoluteURL,
            resolved.scheme?.lowercased() == "https"
        else { return nil }
        return resolved.absoluteString
    }
}
