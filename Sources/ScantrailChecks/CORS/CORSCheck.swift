import ScantrailCore

/// Sends crafted `Origin` headers and reports an origin as trusted only when the response really
/// grants it: `Access-Control-Allow-Origin` equal to the crafted origin (or `*` with credentials),
/// weighed by `Access-Control-Allow-Credentials: true`.
public struct CORSCheck: SecurityCheck {
    /// How a crafted origin tries to pass for a trusted one. Its raw value is the outcome's
    /// discriminator.
    public enum Trick: String, Codable, Sendable, CaseIterable {
        /// An unrelated attacker origin.
        case arbitrary
        /// The `null` origin sandboxed frames and local files send.
        case null
        /// The target's host as a prefix of an attacker's domain (`api.example.com.attacker…`).
        case prefix
        /// An attacker's domain ending with the target's host (`scantrailapi.example.com`).
        case suffix
        /// The target's own origin over plain http (HTTPS targets only).
        case cleartext
    }

    /// One crafted origin and what came back.
    public struct Attempt: Codable, Sendable {
        /// Which trick.
        public let trick: Trick
        /// The `Origin` sent.
        public let origin: String
        /// The exchange.
        public let exchange: HTTPExchange
    }

    /// Everything sent and received.
    public struct Evidence: Codable, Sendable {
        /// Where the requests went.
        public let location: Location
        /// One attempt per crafted origin.
        public let attempts: [Attempt]
    }

    /// Creates the check.
    public init() {}

    public static let metadata = CheckMetadata(
        id: "cors.policy",
        title: "Cross-origin resource sharing",
        rules: [
            Rules.reflectedWithCredentials, Rules.reflected, Rules.nullOrigin, Rules.cleartextOrigin,
            Rules.wildcardWithCredentials,
        ]
    )

    /// The origins to try against `target`, by trick.
    static func origins(for target: ScanTarget) -> [(trick: Trick, origin: String)] {
        var origins: [(trick: Trick, origin: String)] = [
            (.arbitrary, "https://scantrail-attacker.example"),
            (.null, "null"),
            (.prefix, "https://\(target.host).scantrail-attacker.example"),
            (.suffix, "https://scantrail\(target.host)"),
        ]
        if target.isHTTPS {
            origins.append((.cleartext, "http://\(target.urlHost)\(target.port == 443 ? "" : ":\(target.port)")"))
        }
        return origins
    }

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        var attempts: [Attempt] = []
        for (trick, origin) in Self.origins(for: target) {
            let request = ProbeRequest(url: target.url, headers: [HeaderField(name: "Origin", value: origin)])
            attempts.append(Attempt(trick: trick, origin: origin, exchange: try await context.http.send(request)))
        }
        return Evidence(location: target.location(), attempts: attempts)
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        var outcomes: [Outcome] = []
        var wildcardWithCredentials: Outcome?
        for attempt in evidence.attempts {
            let location = evidence.location.with(discriminator: attempt.trick.rawValue)
            let rules = Self.rules(for: attempt.trick)
            guard let response = attempt.exchange.response, attempt.exchange.inconclusiveReason == nil else {
                let reason = attempt.exchange.inconclusiveReason ?? "no response"
                outcomes += rules.map { .inconclusive($0, at: location, reason) }
                continue
            }
            let allowed = response.headers.first("Access-Control-Allow-Origin")?.trimmed
            let credentials = response.headers.first("Access-Control-Allow-Credentials")?.trimmed.lowercased() == "true"
            if allowed == "*", credentials {
                wildcardWithCredentials = .failed(
                    Rules.wildcardWithCredentials, at: evidence.location,
                    "Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true")
            }
            let granted = allowed?.lowercased() == attempt.origin.lowercased()
            let seen =
                "Origin: \(attempt.origin) → Access-Control-Allow-Origin: \(allowed ?? "absent")"
                + (credentials ? ", credentials allowed" : "")
            outcomes += judge(
                trick: attempt.trick, granted: granted, credentials: credentials, seen: seen, at: location)
        }
        outcomes.append(
            wildcardWithCredentials
                ?? .passed(Rules.wildcardWithCredentials, at: evidence.location, "no wildcard origin with credentials"))
        return outcomes
    }

    /// The rules a trick is judged on: attacker origins on the reflection pair, the others on their own.
    private static func rules(for trick: Trick) -> [Rule] {
        switch trick {
        case .null: [Rules.nullOrigin]
        case .cleartext: [Rules.cleartextOrigin]
        case .arbitrary, .prefix, .suffix: [Rules.reflectedWithCredentials, Rules.reflected]
        }
    }

    private func judge(trick: Trick, granted: Bool, credentials: Bool, seen: String, at location: Location)
        -> [Outcome]
    {
        switch trick {
        case .null:
            return [
                granted ? .failed(Rules.nullOrigin, at: location, seen) : .passed(Rules.nullOrigin, at: location, seen)
            ]
        case .cleartext:
            return [
                granted
                    ? .failed(Rules.cleartextOrigin, at: location, seen)
                    : .passed(Rules.cleartextOrigin, at: location, seen)
            ]
        case .arbitrary, .prefix, .suffix:
            guard granted else {
                return [
                    .passed(Rules.reflectedWithCredentials, at: location, seen),
                    .passed(Rules.reflected, at: location, seen),
                ]
            }
            // A reflection with credentials is the graver finding; the lesser rule is not judged then.
            return credentials
                ? [.failed(Rules.reflectedWithCredentials, at: location, seen)]
                : [
                    .passed(Rules.reflectedWithCredentials, at: location, seen),
                    .failed(Rules.reflected, at: location, seen),
                ]
        }
    }
}
