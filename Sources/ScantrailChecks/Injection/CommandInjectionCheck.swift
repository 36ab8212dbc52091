import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// OS command injection (`--active`), per documented text parameter (sign-in, sign-up, password
/// and token operations left out, with their rate limits): its usual value followed
/// by each shell metacharacter form (`;`, `|`, `&&`, `$(…)`, backticks) running a command that
/// fetches a fresh probe URL of the scan's callback listener (`curl`, else `wget`). A request to
/// the listener proves a shell ran the value. Where none came (or the scan runs no listener, or
/// the server has no way out), a time-based pair: a 3-second `sleep` against the usual value,
/// confirmed by two more rounds in alternating order against the same form with `sleep 0` (so
/// a server that is slow on any odd value is not taken for a shell); every sleep must take 3 s
/// and outlast the controls' median by 2 s. Nothing but `curl`/`wget` of the listener and
/// `sleep` is ever run.
public struct CommandInjectionCheck: SecurityCheck {
    /// One request with an injected command.
    public struct Injection: Codable, Sendable {
        /// `;`, `|`, `&&`, `$()`, `` ` ``.
        public let form: String
        /// The callback probe the command fetches; `nil` for a `sleep`.
        public let probe: CallbackProbe?
        /// What came back.
        public let exchange: ExchangeRecord
        /// How long the answer took.
        public let milliseconds: Int
        /// The requests the listener received for the probe.
        public let hits: [CallbackHit]
    }

    /// One parameter's trial.
    public struct Trial: Codable, Sendable {
        /// `GET /diagnostics/ping`.
        public let operation: String
        /// `query host`.
        public let parameter: String
        /// The request with the usual value.
        public let benign: ExchangeRecord
        /// Callback commands, one per form (none without a listener).
        public let callbacks: [Injection]
        /// `sleep` commands: one per form, then the confirming rounds of a slow one.
        public let sleeps: [Injection]
        /// Times of the controls: the usual value, then the confirming rounds' `sleep 0`.
        public let controlMilliseconds: [Int]
    }

    /// What the check observed.
    public struct Evidence: Codable, Sendable {
        /// `scheme://host:port`.
        public let origin: String
        /// Where targets reach the listener; `nil` when the scan ran none.
        public let listener: String?
        /// One per text parameter probed.
        public let trials: [Trial]
        /// Operations not probed, with why.
        public let untested: [String: String]
    }

    /// The shell forms that run a second command after or inside a value.
    static let forms: [(name: String, wrap: @Sendable (String, String) -> String)] = [
        (";", { "\($0);\($1) #" }), ("|", { "\($0)|\($1) #" }), ("&&", { "\($0)&&\($1) #" }),
        ("$()", { "\($0)$(\($1))" }), ("`", { "\($0)`\($1)`" }),
    ]
    /// The forms the time-based pair is tried in: unquoted, and inside double quotes.
    static let sleepForms = [";", "$()"]
    /// Seconds each `sleep` asks for.
    static let sleepSeconds = 3
    /// How much longer than the controls' median each sleep must take, in milliseconds.
    static let sleepMargin = 2000
    /// The most text parameters of one operation probed.
    static let limit = 4
    /// Why an operation is not probed.
    static let noTextParameter = "no text parameter to vary"

    private let api: APIUnderTest

    /// A check over `api`'s operations.
    public init(api: APIUnderTest) {
        self.api = api
    }

    public static let metadata = CheckMetadata(
        id: "injection.command", title: "Shell commands run through documented parameters", rules: Rules.all,
        isActive: true, usesCallbacks: true)

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        let (targets, untested) = try await ParameterTarget.all(
            of: api, on: target, context: context, limit: Self.limit, sparingCredentials: true,
            none: Self.noTextParameter
        ) { !$0.numeric && !$0.takesURL }
        let callbacks = context.callbacks
        var trials = try await context.concurrentMap(targets) { probed in
            try await callbackTrial(probed, callbacks, target, context)
        }
        if let callbacks {
            let tokens = trials.flatMap { $0.callbacks.compactMap(\.probe?.token) }
            let hits = try await callbacks.hits(for: tokens, waiting: SSRFCheck.grace)
            trials = trials.map { $0.with(hits: hits) }
        }
        let timed = try await context.concurrentMap(Array(zip(targets, trials))) { probed, trial in
            trial.callbacks.contains { !$0.hits.isEmpty } ? trial : try await sleepTrial(probed, trial, target, context)
        }
        return Evidence(origin: target.origin, listener: callbacks?.baseURL, trials: timed, untested: untested)
    }

    /// The usual value, then one callback command per form.
    private func callbackTrial(
        _ probed: ParameterTarget, _ callbacks: CallbackRecorder?, _ target: ScanTarget, _ context: ScanContext
    ) async throws -> Trial {
        let usual = probed.parameter.text
        let benign = try await probed.send(.string(usual), as: "usual value", api, on: target, context: context)
        var injections: [Injection] = []
        // Without a listener, no callback form is sent: the time-based pair alone can tell.
        for form in Self.forms {
            guard let probe = callbacks?.probe() else { break }
            let command = "curl -s \(probe.url)||wget -qO- \(probe.url)"
            let sent = try await probed.send(
                .string(form.wrap(usual, command)), as: "callback \(form.name)", api, on: target, context: context,
                fresh: true)
            injections.append(
                Injection(
                    form: form.name, probe: probe, exchange: sent.record,
                    milliseconds: sent.exchange.durationMilliseconds, hits: []))
        }
        return Trial(
            operation: probed.label, parameter: probed.parameter.label, benign: benign.record, callbacks: injections,
            sleeps: [], controlMilliseconds: [benign.exchange.durationMilliseconds])
    }

    /// One `sleep` per form; a slow one is measured twice more beside the usual value.
    private func sleepTrial(_ probed: ParameterTarget, _ trial: Trial, _ target: ScanTarget, _ context: ScanContext)
        async throws -> Trial
    {
        let usual = probed.parameter.text
        var sleeps: [Injection] = []
        var controls = trial.controlMilliseconds
        func send(_ form: String, sleeping: Bool) async throws -> Int {
            let wrap = Self.forms.first { $0.name == form }!.wrap
            let value = wrap(usual, "sleep \(sleeping ? Self.sleepSeconds : 0)")
            let sent = try await probed.send(
                .string(value), as: sleeping ? "sleep \(form)" : "sleep 0 \(form)", api, on: target, context: context,
                fresh: true)
            if sleeping {
                sleeps.append(
                    Injection(
                        form: form, probe: nil, exchange: sent.record,
                        milliseconds: sent.exchange.durationMilliseconds, hits: []))
            } else {
                controls.append(sent.exchange.durationMilliseconds)
            }
            return sent.exchange.durationMilliseconds
        }
        for form in Self.sleepForms {
            let first = try await send(form, sleeping: true)
            guard first >= max(Self.sleepSeconds * 1000, (controls.max() ?? 0) + Self.sleepMargin) else { continue }
            // In turn, which goes first alternating, as sign-in timing is measured.
            for sleepingFirst in [false, true] {
                for sleeping in [sleepingFirst, !sleepingFirst] { _ = try await send(form, sleeping: sleeping) }
            }
            break
        }
        return Trial(
            operation: trial.operation, parameter: trial.parameter, benign: trial.benign, callbacks: trial.callbacks,
            sleeps: sleeps, controlMilliseconds: controls)
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        let untested = ParameterTarget.outcomes(
            untested: evidence.untested, origin: evidence.origin, none: Self.noTextParameter, rules: Rules.all)
        return untested + evidence.trials.map { judge($0, evidence.origin) }
    }

    private func judge(_ trial: Trial, _ origin: String) -> Outcome {
        let location = Location(origin: origin, operation: trial.operation, discriminator: trial.parameter)
        guard trial.benign.status != nil else {
            return .inconclusive(Rules.command, at: location, "the usual value got \(trial.benign.summary)")
        }
        if let hit = trial.callbacks.first(where: { !$0.hits.isEmpty }), let probe = hit.probe {
            let forms = trial.callbacks.filter { !$0.hits.isEmpty }.map(\.form).joined(separator: " ")
            return .failed(
                Rules.command, at: location,
                "a command after the value (form \(forms)) fetched the listener: \(probe.url) was requested from \(hit.hits[0].peer); the API answered \(hit.exchange.summary)"
            )
        }
        for form in Self.sleepForms {
            let samples = trial.sleeps.filter { $0.form == form }.map(\.milliseconds)
            if let gap = Self.sleepGap(samples, trial.controlMilliseconds) {
                return .failed(
                    Rules.command, at: location,
                    "`sleep \(Self.sleepSeconds)` after the value (form \(form)) delayed every answer: \(samples.map(String.init).joined(separator: ", ")) ms against \(trial.controlMilliseconds.map(String.init).joined(separator: ", ")) ms for the usual value and `sleep 0` (\(gap) ms over their median at least)"
                )
            }
        }
        let tried =
            (trial.callbacks.isEmpty
                ? "no callback listener, so only `sleep`"
                : "\(trial.callbacks.count) callback forms, no request to the listener; `sleep`")
            + " in forms \(trial.sleeps.map(\.form).joined(separator: " ")): no delay"
        return .passed(Rules.command, at: location, "\(tried) (usual value: \(trial.benign.summary))")
    }

    /// How much the quickest `sleeps` sample outlasted the controls' median, when there are
    /// three samples of each, every sleep took ``sleepSeconds`` at least, and the gap is at
    /// least ``sleepMargin``; `nil` otherwise.
    static func sleepGap(_ sleeps: [Int], _ controls: [Int]) -> Int? {
        guard sleeps.count >= 3, controls.count >= 3, let quickest = sleeps.min(),
            quickest >= sleepSeconds * 1000
        else { return nil }
        let gap = quickest - controls.sorted()[controls.count / 2]
        return gap >= sleepMargin ? gap : nil
    }
}

extension CommandInjectionCheck.Trial {
    /// The trial with the listener's hits for its callback probes.
    func with(hits: [CallbackToken: [CallbackHit]]) -> Self {
        Self(
            operation: operation, parameter: parameter, benign: benign,
            callbacks: callbacks.map { injection in
                CommandInjectionCheck.Injection(
                    form: injection.form, probe: injection.probe, exchange: injection.exchange,
                    milliseconds: injection.milliseconds, hits: injection.probe.flatMap { hits[$0.token] } ?? [])
            }, sleeps: sleeps, controlMilliseconds: controlMilliseconds)
    }
}
