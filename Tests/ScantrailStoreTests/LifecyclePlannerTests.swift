import Foundation
import ScantrailCore
import ScantrailTestSupport
import Testing

@testable import ScantrailStore

@Suite("The lifecycle planner decides, without I/O, what one scan does to the tracked findings")
struct LifecyclePlannerTests {
    typealias F = ScanFactory
    static let day0 = Date(timeIntervalSince1970: 1_790_000_000)

    /// Plans `observed` (a scan at `day` days) against `existing`, returning the planner and the audit entries.
    static func plan(
        _ observed: [F.Observed], day: Double = 0, existing: [TrackedFinding] = [], policy: SLAPolicy = SLAPolicy()
    ) throws -> (LifecyclePlanner, [AuditEntry]) {
        let at = day0.addingTimeInterval(day * 86_400)
        var planner = LifecyclePlanner(
            scan: try PreparedScan(F.result(at: at, observed)), scanID: "scan-\(Int(day))", policy: policy,
            existing: existing, reopened: [])
        var chain = AuditChain(afterSequence: 0, hash: AuditEntry.genesis, at: at, actor: "planner-test")
        try planner.apply(to: &chain)
        return (planner, chain.entries)
    }

    @Test("a first failure opens a finding with its deadline frozen from the policy")
    func opens() throws {
        var policy = SLAPolicy()
        policy.high = 10
        let (planner, entries) = try Self.plan([.failed(F.high, "/a"), .passed(F.low, "/b")], policy: policy)
        let finding = try #require(planner.changedFindings.first)
        #expect(planner.changedFindings.count == 1 && planner.counts.new == 1)
        #expect(finding.status == .open && finding.firstScanID == "scan-0")
        #expect(finding.dueAt == Self.day0.addingTimeInterval(10 * 86_400))
        #expect(entries.map(\.action) == ["finding.opened"])
        #expect(planner.counts.passed == 1 && planner.counts.failed == 1)
    }

    @Test("a pass at the same place fixes it, with the failing and passing evidence as proof")
    func fixes() throws {
        let (first, _) = try Self.plan([.failed(F.high, "/a")])
        let (second, entries) = try Self.plan([.passed(F.high, "/a")], day: 3, existing: first.changedFindings)
        let fixed = try #require(second.changedFindings.first)
        #expect(fixed.status == .fixed && fixed.fixedScanID == "scan-3")
        #expect(fixed.fixedAt == Self.day0.addingTimeInterval(3 * 86_400))
        #expect(second.counts.fixed == 1)
        #expect(entries.map(\.action) == ["finding.fixed"])
        #expect(entries[0].details.contains(#""failing":{"#) && entries[0].details.contains(#""scanID":"scan-0""#))
        #expect(entries[0].details.contains(#""sla":"met""#))
    }

    @Test("an inconclusive or absent judgement changes nothing")
    func notCovered() throws {
        let (first, _) = try Self.plan([.failed(F.high, "/a")])
        let (inconclusive, entries) = try Self.plan(
            [.inconclusive(F.high, "/a")], day: 1, existing: first.changedFindings)
        #expect(inconclusive.changedFindings.isEmpty && entries.isEmpty)
        let (elsewhere, _) = try Self.plan([.passed(F.high, "/b")], day: 1, existing: first.changedFindings)
        #expect(elsewhere.changedFindings.isEmpty)
    }

    @Test("failing again after a fix reopens it and counts the reopening; failing while open only refreshes it")
    func reopens() throws {
        let (first, _) = try Self.plan([.failed(F.high, "/a")])
        let (again, none) = try Self.plan([.failed(F.high, "/a")], day: 1, existing: first.changedFindings)
        #expect(none.isEmpty && again.changedFindings.first?.lastScanID == "scan-1")
        let (fixed, _) = try Self.plan([.passed(F.high, "/a")], day: 2, existing: again.changedFindings)
        let (reopened, entries) = try Self.plan([.failed(F.high, "/a")], day: 5, existing: fixed.changedFindings)
        let finding = try #require(reopened.changedFindings.first)
        #expect(finding.status == .open && finding.reopenCount == 1 && finding.fixedScanID == nil)
        #expect(reopened.counts.reopened == 1 && entries.map(\.action) == ["finding.reopened"])
        #expect(entries[0].details.contains(#""previousFixScan":"scan-2""#))
    }

    @Test("when one scan judges a place twice, the failure wins")
    func failureWins() throws {
        let prepared = try PreparedScan(F.result(at: Self.day0, [.passed(F.high, "/a"), .failed(F.high, "/a")]))
        #expect(prepared.observations.count == 1)
        #expect(prepared.observations.values.first?.outcome.status == .failed)
        let judged = try PreparedScan(
            F.result(at: Self.day0, [.inconclusive(F.high, "/a"), .notApplicable(F.high, "/a")]))
        #expect(judged.observations.values.first?.outcome.status == .notApplicable)
    }

    @Test("a not-applicable outcome without a discriminator closes the findings it speaks for, not the ones judged")
    func notApplicableScope() throws {
        let (first, _) = try Self.plan([
            .failed(F.low, "/login").about("session"), .failed(F.low, "/login").about("theme"),
        ])
        let (second, entries) = try Self.plan(
            [.notApplicable(F.low, "/login"), .failed(F.low, "/login").about("theme")], day: 1,
            existing: first.changedFindings)
        let byName = Dictionary(
            uniqueKeysWithValues: second.findings.values.map { ($0.location.discriminator ?? "", $0.status) })
        #expect(byName["session"] == .fixed && byName["theme"] == .open)
        #expect(entries.map(\.action) == ["finding.fixed"])
        #expect(entries[0].details.contains(#""outcome":"notApplicable""#))
    }

    @Test("an informational finding has no deadline")
    func noDeadline() throws {
        let info = Rule(
            id: "test.info", title: "Info", severity: .info, description: "d", remediation: "r",
            mapping: ControlMapping(tsc: [.cc6_1], owasp: [.api8], cwe: [CWE(1)]))
        let result = ScanResult(
            scanner: .current, catalogue: RuleCatalogue(rules: [info]), configuration: ScanConfiguration(),
            target: F.target, startedAt: Self.day0, finishedAt: Self.day0, completion: .complete, requestsSent: 0,
            checks: [
                CheckRun(
                    checkID: "test.check", title: "t", status: .completed, startedAt: Self.day0,
                    durationMilliseconds: 0, requestsSent: 0,
                    outcomes: [.failed(info, at: F.target.location(path: "/"), "x")], evidence: nil, reason: nil)
            ])
        var planner = LifecyclePlanner(
            scan: try PreparedScan(result), scanID: "s", policy: SLAPolicy(), existing: [], reopened: [])
        var chain = AuditChain(afterSequence: 0, hash: AuditEntry.genesis, at: Self.day0, actor: "t")
        try planner.apply(to: &chain)
        #expect(planner.changedFindings.first?.dueAt == nil)
    }
}
