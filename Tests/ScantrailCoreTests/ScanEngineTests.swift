import Foundation
import ScantrailCore
import Synchronization
import Testing

@Suite("The scan engine schedules, bounds and never counts what it could not test as passed")
struct ScanEngineTests {
    let target = ScanTarget(scheme: "http", host: "127.0.0.1", port: 1)

    func engine(_ checks: [any SecurityCheck], limits: ScanLimits = ScanLimits(), probe: StaticProbe = StaticProbe())
        -> ScanEngine
    {
        ScanEngine(
            checks: checks, configuration: ScanConfiguration(limits: limits), http: probe,
            redactor: EvidenceRedactor(shapes: []))
    }

    @Test("no more checks run at once than the concurrency cap allows")
    func concurrencyCap() async throws {
        let tracker = ConcurrencyTracker()
        var limits = ScanLimits()
        limits.maxConcurrentChecks = 2
        let checks: [any SecurityCheck] = [
            // Each stays in until two have been in together: the cap is reached, and never passed.
            FakeCheck<TagA>(.gather(2), tracker: tracker), FakeCheck<TagB>(.gather(2), tracker: tracker),
            FakeCheck<TagC>(.gather(2), tracker: tracker), FakeCheck<TagD>(.gather(2), tracker: tracker),
            FakeCheck<TagE>(.gather(2), tracker: tracker),
        ]
        let result = try await engine(checks, limits: limits).run(target)
        #expect(await tracker.highest == 2)
        #expect(result.checks.map(\.status) == Array(repeating: .completed, count: 5))
        #expect(result.completion.isComplete)
    }

    @Test("checks still running at the deadline are interrupted and their rules inconclusive")
    func deadline() async throws {
        var limits = ScanLimits()
        limits.scanDeadlineSeconds = 0.3
        let checks: [any SecurityCheck] = [FakeCheck<TagA>(.pass), FakeCheck<TagB>(.sleep(.seconds(30)))]
        let result = try await engine(checks, limits: limits).run(target)
        #expect(result.completion == .incomplete(.deadline))
        #expect(result.checks[0].status == .completed)
        #expect(result.checks[1].status == .interrupted)
        #expect(result.checks[1].outcomes.map(\.status) == [.inconclusive])
        #expect(result.checks[1].outcomes[0].detail.contains("deadline"))
        #expect(result.summary.passed == 1 && result.summary.inconclusive == 1)
    }

    @Test("cancelling the scan still returns a result, marked incomplete, with unfinished checks inconclusive")
    func cancellation() async throws {
        let (events, sink) = AsyncStream<ScanEvent>.makeStream()
        let scan = Task { [self] in
            try await engine([FakeCheck<TagA>(.pass), FakeCheck<TagB>(.sleep(.seconds(30)))])
                .run(target, onEvent: { sink.yield($0) })
        }
        // Cancelled once the first check is done and the slow one is under way.
        for await event in events {
            if case .checkFinished = event { break }
        }
        scan.cancel()
        let result = try await scan.value
        #expect(result.completion == .incomplete(.cancelled))
        #expect(result.checks[1].status == .interrupted)
        #expect(result.checks[1].outcomes.allSatisfy { $0.status == .inconclusive })
    }

    @Test("a check that throws ends in error with inconclusive rules, and the others carry on")
    func failingCheck() async throws {
        let result = try await engine([FakeCheck<TagA>(.fail(PlannedError())), FakeCheck<TagB>(.pass)]).run(target)
        #expect(result.checks[0].status == .error)
        #expect(result.checks[0].reason == "check failed: planned failure")
        #expect(result.checks[0].outcomes.map(\.status) == [.inconclusive])
        #expect(result.checks[1].status == .completed)
        #expect(result.completion.isComplete)
    }

    @Test("an outcome for a rule the check never declared is refused")
    func undeclaredRule() async throws {
        let result = try await engine([FakeCheck<TagA>(.reportUndeclaredRule)]).run(target)
        #expect(result.checks[0].status == .error)
        #expect(result.checks[0].reason?.contains("not.declared") == true)
        #expect(result.findings.isEmpty)
    }

    @Test("evaluation sees the evidence as stored: redacted")
    func evaluatesStoredEvidence() async throws {
        let result = try await engine([FakeCheck<TagA>(.echoAuthorization)]).run(target)
        #expect(result.findings.map(\.detail) == ["Bearer [REDACTED]"])
        #expect(result.checks[0].requestsSent == 1)
        #expect(result.requestsSent == 2)
    }

    @Test("an unreachable target stops the scan before any check, with the reason")
    func unreachable() async throws {
        let probe = StaticProbe(failure: ProbeFailure(.connectionRefused, "connection refused"))
        await #expect {
            try await engine([FakeCheck<TagA>(.pass)], probe: probe).run(target)
        } throws: { error in
            String(describing: error) == "cannot reach http://127.0.0.1:1/: connection refused"
        }
    }

    @Test("progress events report each check and the running count")
    func events() async throws {
        let log = EventLog()
        _ = try await engine([FakeCheck<TagA>(.pass), FakeCheck<TagB>(.pass)]).run(target) { log.append($0) }
        let events = log.events
        #expect(events.first == .started(checks: 2))
        #expect(events.filter { if case .checkStarted = $0 { true } else { false } }.count == 2)
        #expect(events.last.map { if case .checkFinished(_, _, 2, 2) = $0 { true } else { false } } == true)
    }

    @Test("failed outcomes become findings with their rule's severity, most severe first")
    func findings() async throws {
        let result = try await engine([FakeCheck<TagA>(.echoAuthorization), FakeCheck<TagB>(.pass)]).run(target)
        #expect(result.findings.count == 1)
        #expect(result.findings[0].severity == .medium)
        #expect(result.findings[0].ruleID == "fake.a.rule")
        #expect(result.summary.findingsBySeverity["medium"] == 1)
        #expect(result.highestSeverity == .medium)
    }
}

/// Collects events from any task.
final class EventLog: Sendable {
    private let storage = Mutex<[ScanEvent]>([])

    func append(_ event: ScanEvent) {
        storage.withLock { $0.append(event) }
    }

    var events: [ScanEvent] {
        storage.withLock { $0 }
    }
}
