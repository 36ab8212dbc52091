import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// Regular-expression denial of service (`--active`), per documented field a server likely
/// validates with a pattern (emails, names, handles; sign-in, sign-up, password and token
/// operations left out, with their rate limits, and a rate-limited answer never counts as slow): a run of `a` ending in a character no
/// such pattern accepts, two longer at each step (18 to 30). An answer that is slow — at least
/// 750 ms and four times the usual value's (its median) — is measured twice more, in alternating
/// order beside the usual value; each must take at least half as long (375 ms) and still four
/// times the usual value's. A confirmed length ends the trial; a slow answer that is not
/// confirmed (a stall of the network or the server) lets it go on to the next length. Lengths grow by
/// small steps, so a vulnerable server is held for seconds, never for minutes.
public struct RegexDoSCheck: SecurityCheck {
    /// One timed request.
    public struct Sample: Codable, Sendable {
        /// The length of the run of `a` sent; 0 for the usual value.
        public let length: Int
        /// How long the answer took.
        public let milliseconds: Int
        /// What came back.
        public let summary: String
        /// Whether the probe waited on the server's rate limit (a 429, sent again after its
        /// `Retry-After`): its time is the limit's, never the pattern's (`nil` in evidence stored
        /// before it was kept).
        public var limited: Bool? = nil

        /// The time that may count as slow: none for a rate-limited answer.
        var judgedMilliseconds: Int { limited == true ? 0 : milliseconds }
    }

    /// One field's trial.
    public struct Trial: Codable, Sendable {
        /// `POST /newsletter`.
        public let operation: String
        /// `body email`.
        public let parameter: String
        /// The usual value: three requests first, then the confirming rounds'.
        public let controls: [Sample]
        /// The pathological strings, growing, then the confirming rounds' at the slow length.
        public let attempts: [Sample]
    }

    /// What the check observed.
    public struct Evidence: Codable, Sendable {
        /// `scheme://host:port`.
        public let origin: String
        /// One per field probed.
        public let trials: [Trial]
        /// Operations not probed, with why.
        public let untested: [String: String]
    }

    /// The lengths tried, in order.
    static let lengths = Array(stride(from: 18, through: 30, by: 2))
    /// The least time that counts as slow, in milliseconds; a confirming sample needs half.
    static let slowMilliseconds = 750
    /// How many times the slowest control's time a slow answer takes at least.
    static let slowFactor = 4
    /// The most fields of one operation probed.
    static let limit = 2
    /// Why an operation is not probed.
    static let noPatternField = "no email, name or handle field to vary"

    private let api: APIUnderTest

    /// A check over `api`'s operations.
    public init(api: APIUnderTest) {
        self.api = api
    }

    public static let metadata = CheckMetadata(
        id: "dos.regex", title: "Pattern-validated fields that stall the server", rules: Rules.all, isActive: true,
        // A stalled server slows every other check's answers: this runs alone, after them.
        phase: .disruptive)

    /// The pathological value of `length`: a run of `a` and a `!` that fails the match at the end.
    static func pathological(_ length: Int) -> String { String(repeating: "a", count: length) + "!" }

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence {
        let (targets, untested) = try await ParameterTarget.all(
            of: api, on: target, context: context, limit: Self.limit, sparingCredentials: true,
            none: Self.noPatternField, chosen: \.looksPatternValidated)
        // Each field's controls are measured in turn with its own probes, so fields go side by side.
        let trials = try await context.concurrentMap(targets) { probed in
            var controls: [Sample] = []
            var attempts: [Sample] = []
            func send(_ length: Int) async throws -> Sample {
                let value = length == 0 ? probed.parameter.text : Self.pathological(length)
                let sent = try await probed.send(
                    .string(value), as: length == 0 ? "usual value" : "\(length) × a", api, on: target,
                    context: context, fresh: true)
                var sample = Sample(
                    length: length, milliseconds: sent.exchange.durationMilliseconds, summary: sent.record.summary)
                sample.limited = sent.exchange.requestsSent > 1 || sent.record.status == 429
                if length == 0 { controls.append(sample) } else { attempts.append(sample) }
                return sample
            }
            // Three controls first: one stalled answer (a new connection, a loaded machine) must
            // not set the bar.
            for _ in 0..<3 { _ = try await send(0) }
            for length in Self.lengths {
                let answer = try await send(length)
                guard Self.isSlow(answer.judgedMilliseconds, beside: controls.map(\.milliseconds)) else { continue }
                var confirmations: [Sample] = []
                for pathologicalFirst in [false, true] {
                    for first in [pathologicalFirst, !pathologicalFirst] {
                        let sample = try await send(first ? length : 0)
                        if first { confirmations.append(sample) }
                    }
                }
                let controlTimes = controls.map(\.milliseconds)
                if confirmations.allSatisfy({
                    Self.isSlow($0.judgedMilliseconds, beside: controlTimes, confirming: true)
                }) {
                    break
                }
            }
            return Trial(
                operation: probed.label, parameter: probed.parameter.label, controls: controls, attempts: attempts)
        }
        return Evidence(origin: target.origin, trials: trials, untested: untested)
    }

    /// Whether `milliseconds` is slow beside `controls`: at least ``slowMilliseconds`` (half
    /// of it when `confirming` an earlier slow answer) and ``slowFactor`` times the controls'
    /// median (upper, so one stalled control does not hide a slowdown, nor one quick one invent it).
    static func isSlow(_ milliseconds: Int, beside controls: [Int], confirming: Bool = false) -> Bool {
        let median = controls.sorted().dropFirst(controls.count / 2).first ?? 0
        return milliseconds >= max(confirming ? slowMilliseconds / 2 : slowMilliseconds, slowFactor * median)
    }

    public func evaluate(_ evidence: Evidence) -> [Outcome] {
        let untested = ParameterTarget.outcomes(
            untested: evidence.untested, origin: evidence.origin, none: Self.noPatternField, rules: Rules.all)
        return untested + evidence.trials.map { judge($0, evidence.origin) }
    }

    private func judge(_ trial: Trial, _ origin: String) -> Outcome {
        let location = Location(origin: origin, operation: trial.operation, discriminator: trial.parameter)
        let controls = trial.controls.map(\.milliseconds)
        let times = { (samples: [Sample]) in samples.map { "\($0.milliseconds)" }.joined(separator: ", ") }
        guard !trial.attempts.isEmpty else {
            return .inconclusive(Rules.backtracking, at: location, "nothing was sent")
        }
        let lengths = Set(trial.attempts.map(\.length)).sorted()
        let measured = lengths.map { length in trial.attempts.filter { $0.length == length } }
        if let confirmed = measured.first(where: { samples in
            samples.count >= 3 && Self.isSlow(samples[0].judgedMilliseconds, beside: controls)
                && samples.dropFirst().allSatisfy {
                    Self.isSlow($0.judgedMilliseconds, beside: controls, confirming: true)
                }
        }) {
            return .failed(
                Rules.backtracking, at: location,
                "\(confirmed[0].length) × a then ! took \(times(confirmed)) ms (answered \(confirmed[0].summary)) against \(times(trial.controls)) ms for the usual value"
            )
        }
        let tried = measured.map { "\($0[0].length): \(times($0)) ms" }.joined(separator: ", ")
        let stalls =
            measured.contains { $0.count >= 3 } ? "; a slow answer was not slow again, so it counts as a stall" : ""
        return .passed(
            Rules.backtracking, at: location,
            "no slowdown — \(tried) against \(times(trial.controls)) ms for the usual value (\(trial.controls[0].summary))\(stalls)"
        )
    }
}
