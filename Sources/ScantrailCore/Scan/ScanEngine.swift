import Foundation
import Logging

/// Runs checks against a target: plans them, runs them concurrently within the limits, stops
/// them at the deadline or on cancellation, and assembles the ``ScanResult``.
///
/// A check that throws, is interrupted or outlives the deadline never counts as passed: each of
/// its rules is reported `inconclusive` with the reason. Cancelling the task running
/// ``run(_:onEvent:)`` still returns a result, marked incomplete.
public struct ScanEngine: Sendable {
    private let checks: [any SecurityCheck]
    private let configuration: ScanConfiguration
    private let http: any HTTPProbing
    private let targetGuard: TargetGuard
    private let connections: HostConnectionLimiter
    private let callbacks: CallbackRecorder?
    private let redactor: EvidenceRedactor
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// The catalogue of the rules the planned checks declare.
    public let catalogue: RuleCatalogue

    /// Creates an engine.
    ///
    /// - Parameters:
    ///   - checks: The checks available; ``ScanConfiguration/enabledChecks`` and
    ///     ``ScanConfiguration/active`` select among them.
    ///   - configuration: Limits and options.
    ///   - http: The scan's HTTP probe.
    ///   - targetGuard: Decides the connections checks make beside `http` (share the probe's
    ///     to share its pinned addresses); by default the one `configuration`'s scope describes.
    ///   - redactor: The redaction every check's evidence passes through before it is evaluated
    ///     and kept (configured header values are added to what it knows).
    ///   - connections: The per-host connection cap `http` keeps to, for checks' other I/O to
    ///     share; by default one of ``ScanLimits/maxConnectionsPerHost`` of its own.
    ///   - callbacks: The recorder of the scan's callback listener, for out-of-band probes.
    ///   - logger: Diagnostics; disabled by default.
    ///   - now: The wall clock, replaceable in tests.
    public init(
        checks: [any SecurityCheck],
        configuration: ScanConfiguration,
        http: any HTTPProbing,
        redactor: EvidenceRedactor,
        targetGuard: TargetGuard? = nil,
        connections: HostConnectionLimiter? = nil,
        callbacks: CallbackRecorder? = nil,
        logger: Logger = Logger(label: "scantrail.engine", factory: { _ in SwiftLogNoOpLogHandler() }),
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.checks = checks.filter { check in
            let metadata = type(of: check).metadata
            return configuration.selects(metadata.id) && (configuration.active || !metadata.isActive)
        }
        self.configuration = configuration
        self.http = http
        self.targetGuard = targetGuard ?? TargetGuard(configuration)
        self.connections =
            connections ?? HostConnectionLimiter(limitPerHost: configuration.limits.maxConnectionsPerHost)
        self.callbacks = callbacks
        // A configured header's value, and its token without a scheme word (`Bearer …`).
        self.redactor = redactor.knowing(
            configuration.headers.flatMap { [$0.value, String($0.value.split(separator: " ").last ?? "")] })
        self.logger = logger
        self.now = now
        self.catalogue = RuleCatalogue(checks: self.checks.map { type(of: $0).metadata })
    }

    /// Scans `target`.
    ///
    /// - Parameter onEvent: Receives progress events, from any task.
    /// - Throws: ``ScanError`` when no check is selected or the target cannot be reached at all.
    public func run(
        _ target: ScanTarget,
        onEvent: @escaping @Sendable (ScanEvent) -> Void = { _ in }
    ) async throws -> ScanResult {
        guard !checks.isEmpty else { throw ScanError.noChecks }
        let startedAt = now()
        let responses = ResponseLog()
        let preflight = CountingProbe(http, log: responses)
        let answer = try await preflight.send(ProbeRequest(url: target.url))
        if let failure = answer.failure, failure.leavesTargetOutOfReach {
            throw ScanError.unreachable(url: target.url, failure: failure)
        }
        onEvent(.started(checks: checks.count))
        logger.info("scan started", metadata: ["scan.target": "\(target.url)", "scan.checks": "\(checks.count)"])
        let baselineProbe = CountingProbe(http)
        let softNotFound = SoftNotFoundBaseline(http: baselineProbe, origin: target.origin)

        let stop = StopSignal()
        let memo = ScanMemo()
        var runs: [String: CheckRun] = [:]
        await withTaskGroup(of: Step.self) { group in
            let deadline = configuration.limits.scanDeadlineSeconds
            group.addTask {
                // The watchdog: returns `.deadline` unless cancelled first.
                do {
                    try await Task.sleep(for: .seconds(deadline))
                    return .deadline
                } catch {
                    return .watchdogCancelled
                }
            }
            // Phases run in order: a check starts once every check of an earlier phase finished;
            // disruptive checks run one at a time.
            let ordered = CheckPhase.allCases.flatMap { phase in checks.filter { type(of: $0).metadata.phase == phase }
            }
            let phases = ordered.map { type(of: $0).metadata.phase }
            var unfinished = Dictionary(phases.map { ($0, 1) }, uniquingKeysWith: +)
            var next = 0
            var running = 0
            func mayStart(_ phase: CheckPhase) -> Bool {
                running < (phase == .disruptive ? 1 : configuration.limits.maxConcurrentChecks)
                    && unfinished.allSatisfy { $0.key >= phase || $0.value == 0 }
            }
            func startAvailable() {
                while next < ordered.count, mayStart(phases[next]), stop.current == nil, !Task.isCancelled {
                    let check = ordered[next]
                    next += 1
                    running += 1
                    group.addTask {
                        .finished(
                            await execute(
                                check, on: target, softNotFound: softNotFound, responses: responses, memo: memo,
                                stop: stop, onEvent: onEvent))
                    }
                }
            }
            startAvailable()
            for await step in group {
                switch step {
                case .deadline:
                    stop.stop(.deadline)
                    group.cancelAll()
                case .watchdogCancelled:
                    break
                case .finished(let run):
                    runs[run.checkID] = run
                    running -= 1
                    if let finished = ordered.first(where: { type(of: $0).metadata.id == run.checkID }) {
                        unfinished[type(of: finished).metadata.phase, default: 1] -= 1
                    }
                    onEvent(
                        .checkFinished(id: run.checkID, status: run.status, completed: runs.count, total: checks.count))
                    if runs.count == checks.count {
                        group.cancelAll()
                    } else {
                        startAvailable()
                    }
                }
            }
        }
        if Task.isCancelled { stop.stop(.cancelled) }
        let completion = stop.current.map(ScanResult.Completion.incomplete) ?? .complete
        let finishedAt = now()
        logger.info(
            "scan finished",
            metadata: [
                "scan.target": "\(target.url)", "scan.completion": "\(completion.reason?.rawValue ?? "complete")",
            ])
        let ordered = checks.map { check in
            let metadata = type(of: check).metadata
            return runs[metadata.id] ?? notRun(metadata, on: target, at: finishedAt, reason: completion.reason)
        }
        return ScanResult(
            scanner: .current,
            catalogue: catalogue,
            configuration: configuration,
            target: target,
            startedAt: startedAt,
            finishedAt: finishedAt,
            completion: completion,
            requestsSent: preflight.requestsSent + baselineProbe.requestsSent
                + ordered.reduce(0) { $0 + $1.requestsSent },
            checks: ordered
        )
    }

    private enum Step: Sendable {
        case finished(CheckRun)
        case deadline
        case watchdogCancelled
    }

    /// Collects, stores and evaluates one check. Evaluation runs on the evidence as stored
    /// (encoded, redacted and cut), which keeps stored evidence re-evaluable to the same outcomes.
    private func execute<Check: SecurityCheck>(
        _ check: Check,
        on target: ScanTarget,
        softNotFound: SoftNotFoundBaseline,
        responses: ResponseLog,
        memo: ScanMemo,
        stop: StopSignal,
        onEvent: @Sendable (ScanEvent) -> Void
    ) async -> CheckRun {
        let metadata = Check.metadata
        onEvent(.checkStarted(id: metadata.id, title: metadata.title))
        let startedAt = now()
        let clock = ContinuousClock()
        let started = clock.now
        let probe = CountingProbe(http, log: responses)
        let context = ScanContext(
            http: probe, configuration: configuration, softNotFound: softNotFound, responses: responses, logger: logger,
            targetGuard: targetGuard, connections: connections, memo: memo, callbacks: callbacks)

        func record(_ status: CheckRun.Status, _ outcomes: [Outcome], _ evidence: JSONValue?, _ reason: String?)
            -> CheckRun
        {
            let elapsed = clock.now - started
            logger.debug(
                "check finished",
                metadata: [
                    "check.id": "\(metadata.id)", "check.status": "\(status.rawValue)",
                    "check.requests": "\(probe.requestsSent)", "check.ms": "\(Int(elapsed / .milliseconds(1)))",
                ])
            return CheckRun(
                checkID: metadata.id, title: metadata.title, status: status, startedAt: startedAt,
                durationMilliseconds: Int(elapsed / .milliseconds(1)), requestsSent: probe.requestsSent,
                outcomes: outcomes, evidence: evidence, reason: reason
            )
        }

        do {
            let evidence = try await check.collect(target, context: context)
            try Task.checkCancellation()
            let stored = redactor.redact(try JSONValue(encoding: evidence))
            let outcomes = check.evaluate(try stored.decode(Check.Evidence.self))
            if let stray = outcomes.first(where: { outcome in !metadata.rules.contains { $0.id == outcome.ruleID } }) {
                let reason = "check reported undeclared rule \(stray.ruleID)"
                return record(.error, inconclusive(metadata, on: target, reason), stored, reason)
            }
            return record(.completed, outcomes, stored, nil)
        } catch {
            if Task.isCancelled || error is CancellationError {
                let text = "interrupted: \((stop.current ?? .cancelled).explanation)"
                return record(.interrupted, inconclusive(metadata, on: target, text), nil, text)
            }
            let reason = "check failed: \(error)"
            return record(.error, inconclusive(metadata, on: target, reason), nil, reason)
        }
    }

    private func notRun(_ metadata: CheckMetadata, on target: ScanTarget, at date: Date, reason: StopReason?)
        -> CheckRun
    {
        let text = "not run: \(reason?.explanation ?? "scan stopped")"
        return CheckRun(
            checkID: metadata.id, title: metadata.title, status: .interrupted, startedAt: date,
            durationMilliseconds: 0, requestsSent: 0, outcomes: inconclusive(metadata, on: target, text),
            evidence: nil, reason: text
        )
    }

    private func inconclusive(_ metadata: CheckMetadata, on target: ScanTarget, _ reason: String) -> [Outcome] {
        metadata.rules.map { .inconclusive($0, at: target.location(), reason) }
    }
}
