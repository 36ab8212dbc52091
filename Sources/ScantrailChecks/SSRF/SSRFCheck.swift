import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// Server-side request forgery, proven out of band (`--active`): every parameter that takes a
/// URL (documented as `uri`, named like `image_url` or `webhook`, or usually sent with one) is
/// sent the URL of a fresh probe of the scan's callback listener, and nothing else. A request
/// to that URL proves the server fetches what it is handed (blind SSRF); the probe's content in
/// the server's answer proves it also shows what it fetched (full-read SSRF). No internal or
/// metadata address is ever sent: only the listener's.
public struct SSRFCheck: SecurityCheck {
    /// One parameter's trial.
    public struct Trial: Codable, Sendable {
        /// `POST /avatars`.
        public let operation: String
        /// `body image_url`.
        public let parameter: String
        /// The listener URL sent, its token and the content the listener answers with.
        public let probe: CallbackProbe
        /// The request that carried it.
        public let exchange: ExchangeRecord
        /// Whether the listener's content came back in the answer's body.
        public let relayed: Bool
        /// The requests the listener received for the probe.
        public let hits: [CallbackHit]
    }

    /// What the check observed.
    public struct Evidence: Codable, Sendable {
        /// `scheme://host:port`.
        public let origin: String
        /// Where targets reach the listener; `nil` when the scan ran none.
        public let listener: String?
        /// One per URL-taking parameter.
        public let trials: [Trial]
        /// Operations not probed, with why.
        public let untested: [String: String]
    }

    /// How long the listener is watched after the last probe, for servers that fetch later.
    static let grace = Duration.seconds(2)
    /// Why an operation is not probed.
    static let noURLField = "no parameter or JSON body field takes a URL"

    private let api: APIUnderTest

    /// A check over `api`'s operations.
    public init(api: APIUnderTest) {
        self.api = api
    }

    public static let metadata = CheckMetadata(
        id: "ssrf.callback", title: "URLs handed to the API, fetched by its server", rules: Rules.all, isActive: true,
        usesCallbacks: true)

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        let (targets, found) = try await ParameterTarget.all(
            of: api, on: target, context: context, none: Self.noURLField, chosen: \.takesURL)
        var untested = found
        guard let callbacks = context.callbacks else {
            for probed in targets {
                untested[probed.label] = "not tested: the scan runs no callback listener (see --callback-url)"
            }
            return Evidence(origin: target.origin, listener: nil, trials: [], untested: untested)
        }
        let sent = try await context.concurrentMap(targets) { probed in
            let probe = callbacks.probe()
            let (record, exchange) = try await probed.send(
                .string(probe.url), as: "listener URL", api, on: target, context: context, fresh: true)
            let body = exchange.response.map { String(decoding: $0.body, as: UTF8.self) } ?? ""
            return (probed, probe, record, body.contains(probe.content))
        }
        let hits = try await callbacks.hits(for: sent.map(\.1.token), waiting: Self.grace)
        let trials = sent.map { probed, probe, record, relayed in
            Trial(
                operation: probed.label, parameter: probed.parameter.label, probe: probe, exchange: record,
                relayed: relayed, hits: hits[probe.token] ?? [])
        }
        return Evidence(origin: target.origin, listener: callbacks.baseURL, trials: trials, untested: untested)
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        let untested = ParameterTarget.outcomes(
            untested: evidence.untested, origin: evidence.origin, none: Self.noURLField, rules: Rules.all)
        return untested + evidence.trials.flatMap { judge($0, evidence.origin) }
    }

    private func judge(_ trial: Trial, _ origin: String) -> [Outcome] {
        let location = Location(origin: origin, operation: trial.operation, discriminator: trial.parameter)
        let answer = "the API answered \(trial.exchange.summary)"
        guard let first = trial.hits.first else {
            guard trial.exchange.status != nil else {
                let reason = "no callback, and \(answer)"
                return Rules.all.map { Outcome.inconclusive($0, at: location, reason) }
            }
            let detail = "\(trial.probe.url) was sent and never fetched; \(answer)"
            return Rules.all.map { Outcome.passed($0, at: location, detail) }
        }
        let fetched =
            "the server fetched \(trial.probe.url) (\(trial.hits.count) request\(trial.hits.count == 1 ? "" : "s") "
            + "from \(first.peer)\(first.userAgent.map { ", User-Agent \($0)" } ?? "")); \(answer)"
        return [
            .failed(Rules.blind, at: location, fetched),
            trial.relayed
                ? .failed(Rules.fullRead, at: location, fetched + ", with the listener's content in its body")
                : .passed(Rules.fullRead, at: location, fetched + ", without the listener's content in its body"),
        ]
    }
}
