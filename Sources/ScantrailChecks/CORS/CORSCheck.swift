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
        /// An unrelated attacker origin asking, in a preflight, to send an operation's method
        /// with credentials (what a browser asks before a `PUT`, `DELETE` or JSON `POST`).
        case preflight
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

    /// The crafted origins sent to one documented operation: a GET's own request (as the
    /// first identity that applies) with each origin, another method's preflight.
    public struct OperationAttempts: Codable, Sendable {
        /// The operation.
        public let location: Location
        /// As whom (`anonymous` for a preflight, which browsers send without credentials).
        public let sentAs: String
        /// One attempt per crafted origin.
        public let attempts: [Attempt]
    }

    /// Everything sent and received.
    public struct Evidence: Codable, Sendable {
        /// Where the base URL's requests went.
        public let location: Location
        /// One attempt per crafted origin at the base URL.
        public let attempts: [Attempt]
        /// The documented operations' attempts; `nil` without a description.
        public let operations: [OperationAttempts]?
        /// Where a policy every operation shares is reported (``HostWide``).
        public let hostWide: Location?
    }

    private let scope: SurfaceScope

    /// A check of the base URL and of what `scope` adds: the documented operations, or the
    /// places the scan learns.
    public init(_ scope: SurfaceScope = .baseURL) {
        self.scope = scope
    }

    public static let metadata = CheckMetadata(
        id: "cors.policy",
        title: "Cross-origin resource sharing",
        rules: [
            Rules.reflectedWithCredentials, Rules.reflected, Rules.nullOrigin, Rules.cleartextOrigin,
            Rules.wildcardWithCredentials, Rules.wildcardOnPrivateData,
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
        let api = try await scope.api(on: target, context: context)
        let origins = Self.origins(for: target)
        let attempts = try await Self.attempts(origins, on: ProbeRequest(url: target.url), context)
        guard let api else {
            return Evidence(location: target.location(), attempts: attempts, operations: nil, hostWide: nil)
        }
        // A GET's own request as its first caller, with each origin; the others' preflights.
        var seen: Set<Location> = []
        let gets = try await api.surface(on: target, context: context).filter { seen.insert($0.location).inserted }
        let answered = try await context.concurrentMap(gets) { answer in
            let request = answer.exchange.request
            let sent = ProbeRequest(method: request.method, url: request.url, headers: request.headers)
            return OperationAttempts(
                location: answer.location, sentAs: answer.sentAs,
                attempts: try await Self.attempts(origins, on: sent, context))
        }
        let book = try await api.values(on: target, context: context)
        let preflighted = try await context.concurrentMap(api.inventory.operations.filter(\.isUnsafe)) { operation in
            let origin = origins[0].origin
            var request = api.anonymousRequest(operation, on: target, book: book)
            request.method = "OPTIONS"
            request.body = nil
            request.headers = [
                HeaderField(name: "Origin", value: origin),
                HeaderField(name: "Access-Control-Request-Method", value: operation.method),
                HeaderField(name: "Access-Control-Request-Headers", value: "authorization, content-type"),
            ]
            let exchange = try await context.http.send(request)
            return OperationAttempts(
                location: Location(origin: target.origin, operation: operation.label), sentAs: "anonymous",
                attempts: [Attempt(trick: .preflight, origin: origin, exchange: exchange)])
        }
        return Evidence(
            location: target.location(), attempts: attempts, operations: answered + preflighted,
            hostWide: HostWide.location(of: target))
    }

    /// `request` sent once with each crafted origin.
    private static func attempts(
        _ origins: [(trick: Trick, origin: String)], on request: ProbeRequest, _ context: ScanContext
    ) async throws -> [Attempt] {
        try await context.concurrentMap(origins) { trick, origin in
            var crafted = request
            crafted.headers.append(HeaderField(name: "Origin", value: origin))
            return Attempt(trick: trick, origin: origin, exchange: try await context.http.send(crafted))
        }
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        let base = judge(evidence.attempts, at: evidence.location, credentialed: false)
        guard let operations = evidence.operations, let hostWide = evidence.hostWide else { return base }
        let judged = operations.flatMap { operation in
            judge(operation.attempts, at: operation.location, credentialed: operation.sentAs != "anonymous")
                .map { $0.sent(as: operation.sentAs) }
        }
        let answered = operations.filter { $0.attempts.contains { $0.exchange.response != nil } }.map(\.location)
        // A crafted origin is a trial: GETs get the tricks, other methods a preflight.
        return HostWide.aggregate(
            base + judged, answered: answered, at: hostWide, rules: Self.metadata.rules, perTrial: true)
    }

    /// The outcomes of the crafted origins sent to one place, asked with credentials
    /// (`credentialed`: a secured operation, as its identity) or without.
    private func judge(_ attempts: [Attempt], at place: Location, credentialed: Bool) -> [Outcome] {
        var outcomes: [Outcome] = []
        var wildcardWithCredentials: Outcome?
        var wildcard = false
        var answered = false
        for attempt in attempts {
            let location = place.with(discriminator: attempt.trick.rawValue)
            let rules = Self.rules(for: attempt.trick)
            guard let response = attempt.exchange.response, attempt.exchange.inconclusiveReason == nil else {
                let reason = attempt.exchange.inconclusiveReason ?? "no response"
                outcomes += rules.map { .inconclusive($0, at: location, reason) }
                continue
            }
            answered = true
            let allowed = response.headers.first("Access-Control-Allow-Origin")?.trimmed
            let credentials = response.headers.first("Access-Control-Allow-Credentials")?.trimmed.lowercased() == "true"
            wildcard = wildcard || allowed == "*"
            if allowed == "*", credentials {
                wildcardWithCredentials = .failed(
                    Rules.wildcardWithCredentials, at: place,
                    "Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true")
            }
            let granted = allowed?.lowercased() == attempt.origin.lowercased()
            let seen =
                "Origin: \(attempt.origin) → Access-Control-Allow-Origin: \(allowed ?? "absent")"
                + (credentials ? ", credentials allowed" : "")
            outcomes += judge(
                trick: attempt.trick, granted: granted, credentials: credentials, seen: seen, at: location)
        }
        // Without a single answer nothing was seen, so the place's own rules pass nothing.
        guard answered else {
            let reason = attempts.first.map { $0.exchange.inconclusiveReason ?? "no response" } ?? "nothing was sent"
            return outcomes
                + [Rules.wildcardWithCredentials, Rules.wildcardOnPrivateData].map {
                    .inconclusive($0, at: place, reason)
                }
        }
        outcomes.append(
            wildcardWithCredentials
                ?? .passed(Rules.wildcardWithCredentials, at: place, "no wildcard origin with credentials"))
        outcomes.append(Self.judgePrivate(wildcard: wildcard, credentialed: credentialed, at: place))
        return outcomes
    }

    /// `cors.wildcard-on-private-data` at a place that answered: a wildcard fails where the
    /// answer needed credentials, passes on a public one. Pure.
    static func judgePrivate(wildcard: Bool, credentialed: Bool, at place: Location) -> Outcome {
        let rule = Rules.wildcardOnPrivateData
        switch (wildcard, credentialed) {
        case (true, true):
            return .failed(rule, at: place, "Access-Control-Allow-Origin: * on an answer given with credentials")
        case (true, false): return .passed(rule, at: place, "Access-Control-Allow-Origin: * on a public answer")
        case (false, _): return .passed(rule, at: place, "no wildcard origin")
        }
    }

    /// The rules a trick is judged on: attacker origins on the reflection pair, the others on their own.
    private static func rules(for trick: Trick) -> [Rule] {
        switch trick {
        case .null: [Rules.nullOrigin]
        case .cleartext: [Rules.cleartextOrigin]
        case .arbitrary, .prefix, .suffix, .preflight: [Rules.reflectedWithCredentials, Rules.reflected]
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
        case .arbitrary, .prefix, .suffix, .preflight:
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
