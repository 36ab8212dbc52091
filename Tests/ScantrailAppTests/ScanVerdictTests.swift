import Foundation
import ScantrailApp
import ScantrailCore
import Testing

@Suite("The gate")
struct ScanVerdictTests {
    private static let origin = "http://127.0.0.1:8080"

    /// A result with one failed outcome of `rule` (when given), ending as `completion` says.
    private func result(failing rule: String?, completion: ScanResult.Completion = .complete) -> ScanResult {
        let location = Location(origin: Self.origin, method: "GET", path: "/")
        let outcomes = rule.map { [Outcome(ruleID: $0, status: .failed, location: location, detail: "seen")] } ?? []
        let run = CheckRun(
            checkID: "headers.security", title: "Security headers", status: .completed, startedAt: Date(),
            durationMilliseconds: 1, requestsSent: 1, outcomes: outcomes, evidence: nil, reason: nil)
        return ScanResult(
            scanner: .current, catalogue: .shipped, configuration: ScanConfiguration(),
            target: ScanTarget(scheme: "http", host: "127.0.0.1", port: 8080), startedAt: Date(), finishedAt: Date(),
            completion: completion, requestsSent: 1, checks: [run])
    }

    @Test("a finding at or above the threshold fails; one below it does not")
    func threshold() throws {
        let medium = result(failing: "cert.expiring-soon")
        let severity = try #require(medium.findings.first?.severity)
        #expect(severity == .medium)
        #expect(ScanVerdict(medium, counted: medium.findings, threshold: .medium) == .failing)
        #expect(ScanVerdict(medium, counted: medium.findings, threshold: .high) == .clean)
        #expect(ScanVerdict(medium, counted: medium.findings, threshold: .none) == .clean)
    }

    @Test("only the counted findings gate: accepted and baseline ones do not")
    func counted() {
        let medium = result(failing: "cert.expiring-soon")
        #expect(ScanVerdict(medium, counted: [], threshold: .low) == .clean)
    }

    @Test("an interruption outranks findings, findings outrank a deadline, a deadline outranks clean")
    func precedence() {
        let interrupted = result(failing: "cert.expiring-soon", completion: .incomplete(.cancelled))
        #expect(ScanVerdict(interrupted, counted: interrupted.findings, threshold: .low) == .interrupted)
        let late = result(failing: "cert.expiring-soon", completion: .incomplete(.deadline))
        #expect(ScanVerdict(late, counted: late.findings, threshold: .low) == .failing)
        #expect(ScanVerdict(late, counted: late.findings, threshold: .critical) == .incomplete)
    }

    @Test("the thresholds order as severities do")
    func thresholds() {
        #expect(FailThreshold.allCases.compactMap(\.severity) == [.critical, .high, .medium, .low])
        #expect(FailThreshold.none.severity == nil)
    }
}
