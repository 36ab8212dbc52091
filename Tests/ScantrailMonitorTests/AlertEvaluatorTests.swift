import Foundation
import ScantrailCore
import ScantrailMonitor
import Testing

@testable import ScantrailApp
@testable import ScantrailStore

@Suite("Alert rules: which facts raise which alert, keyed so that each is raised once")
struct AlertEvaluatorTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day = 86_400.0
    static let target = "https://api.example.com/"

    static func finding(
        _ severity: Severity, path: String = "/users", firstSeenDaysAgo: Double = 0.5, dueInDays: Double? = 20,
        reopenCount: Int = 0, lastSeenDaysAgo: Double = 0.5, status: FindingStatus = .open
    ) -> TrackedFinding {
        let location = Location(origin: "https://api.example.com", method: "GET", path: path)
        return TrackedFinding(
            fingerprint: Fingerprint(ruleID: "test.\(severity.rawValue)", location: location), target: target,
            ruleID: "test.\(severity.rawValue)", checkID: "test", severity: severity,
            title: "A \(severity.rawValue) problem",
            location: location, status: status, firstScanID: "s1", firstSeenAt: now - firstSeenDaysAgo * day,
            lastScanID: "s2", lastSeenAt: now - lastSeenDaysAgo * day, lastEvidenceSHA256: "", lastDetail: "d",
            dueAt: dueInDays.map { now + $0 * day }, fixedScanID: nil, fixedAt: nil, reopenCount: reopenCount,
            acceptance: nil)
    }

    static let monitoredTarget = MonitoredTarget(
        id: "t_00000001", url: target, schedule: "every 86400", description: nil, identitiesFrom: nil,
        createdAt: now - 30 * day, createdBy: "ops", nextRunAt: now + day, pausedAt: nil)

    static func job(_ id: String, _ state: ScanJob.State, error: String? = nil) -> ScanJob {
        ScanJob(
            id: id, targetID: monitoredTarget.id, url: target, dueAt: now - day, runAt: now - day, state: state,
            attempts: 3, maxAttempts: 3, worker: "w", leaseUntil: nil, heartbeatAt: nil, scanID: nil, lastError: error,
            createdAt: now - day, startedAt: nil, finishedAt: nil)
    }

    static func evaluate(
        findings: [TrackedFinding] = [], certificates: [Dashboard.CertificateDeadline] = [],
        jobs: [ScanJob] = [], missed: [Date] = [], settings: AlertSettings = AlertSettings()
    ) -> [Alert] {
        let monitored =
            jobs.isEmpty && missed.isEmpty
            ? [] : [AlertFacts.Monitored(target: monitoredTarget, recentJobs: jobs, missedRuns: missed)]
        return AlertEvaluator.evaluate(
            AlertFacts(findings: findings, certificates: certificates, monitored: monitored), settings: settings,
            now: now)
    }

    @Test("a new or reopened finding at or above the minimum severity alerts, once per opening")
    func opened() {
        let high = Self.finding(.high)
        let alerts = Self.evaluate(findings: [high, Self.finding(.medium, path: "/m")])
        #expect(alerts.map(\.kind) == [.findingOpened])
        #expect(alerts.first?.key == "finding.opened:\(high.fingerprint.rawValue):0")
        #expect(alerts.first?.title == "New high finding: A high problem" && alerts.first?.finding == high.id)
        #expect(alerts.first?.detail.hasPrefix("GET /users on https://api.example.com/") == true)
        // Evaluated again, the same key: delivered once.
        #expect(Self.evaluate(findings: [high]) == alerts)
        let reopened = Self.finding(.critical, firstSeenDaysAgo: 40, reopenCount: 2)
        #expect(Self.evaluate(findings: [reopened]).first?.key.hasSuffix(":2") == true)
        #expect(Self.evaluate(findings: [reopened]).first?.title.hasPrefix("Reopened critical") == true)
    }

    @Test("an old finding, a fixed one, one below the threshold or with finding alerts off raises nothing")
    func notOpened() {
        #expect(Self.evaluate(findings: [Self.finding(.high, firstSeenDaysAgo: 5)]).isEmpty)
        #expect(Self.evaluate(findings: [Self.finding(.high, status: .fixed)]).isEmpty)
        #expect(Self.evaluate(findings: [Self.finding(.low)]).isEmpty)
        var off = AlertSettings()
        off.minimumSeverity = nil
        #expect(Self.evaluate(findings: [Self.finding(.critical, dueInDays: -1)], settings: off).isEmpty)
    }

    @Test("a deadline within the window alerts as due soon; a passed one as missed, keyed by the deadline")
    func deadlines() {
        let soon = Self.evaluate(findings: [Self.finding(.high, firstSeenDaysAgo: 20, dueInDays: 3)])
        #expect(
            soon.map(\.kind) == [.slaDueSoon] && soon.first?.title == "Remediation deadline in 3 days: A high problem")
        let missed = Self.evaluate(findings: [Self.finding(.high, firstSeenDaysAgo: 40, dueInDays: -2)])
        #expect(missed.map(\.kind) == [.slaMissed])
        #expect(
            missed.first?.key.hasPrefix("sla.missed:") == true && missed.first?.detail.contains("still open") == true)
        #expect(Self.evaluate(findings: [Self.finding(.high, firstSeenDaysAgo: 20, dueInDays: 8)]).isEmpty)
        var onlyMissed = AlertSettings()
        onlyMissed.slaDueWithinDays = 0
        #expect(
            Self.evaluate(findings: [Self.finding(.high, firstSeenDaysAgo: 20, dueInDays: 1)], settings: onlyMissed)
                .isEmpty)
    }

    @Test("a certificate expiring within the window, or expired, alerts; one further out does not")
    func certificates() {
        func certificate(days: Int) -> Dashboard.CertificateDeadline {
            Dashboard.CertificateDeadline(
                target: Self.target, subject: "CN=api.example.com",
                notAfter: Self.now + Double(days) * Self.day + 3_600,
                daysLeft: days)
        }
        let alerts = Self.evaluate(certificates: [certificate(days: 10), certificate(days: -1), certificate(days: 30)])
        #expect(
            alerts.map(\.title) == [
                "Certificate expired: CN=api.example.com", "Certificate expires in 10 days: CN=api.example.com",
            ])
        var off = AlertSettings()
        off.certificateExpiresWithinDays = 0
        #expect(Self.evaluate(certificates: [certificate(days: 1)], settings: off).isEmpty)
    }

    @Test("N failed scheduled scans in a row alert, keyed by the streak's first failure; a success breaks the streak")
    func failingScans() {
        let failing = [
            Self.job("j_4", .failed, error: "connection refused"), Self.job("j_3", .failed), Self.job("j_2", .failed),
            Self.job("j_1", .succeeded),
        ]
        let alerts = Self.evaluate(jobs: [Self.job("j_5", .queued)] + failing)
        #expect(alerts.map(\.key) == ["scan.failing:t_00000001:j_2"])
        #expect(alerts.first?.title == "Scheduled scans failing: 3 in a row")
        #expect(alerts.first?.detail.hasSuffix("connection refused") == true)
        #expect(Self.evaluate(jobs: [failing[0], failing[1], failing[3], failing[2]]).isEmpty)
    }

    @Test("a recently missed scheduled run alerts as a cadence gap; an old one, or with gaps off, does not")
    func cadenceGaps() {
        let recent = Self.now - Self.day
        let alerts = Self.evaluate(missed: [Self.now - 10 * Self.day, recent])
        #expect(alerts.map(\.kind) == [.cadenceGap] && alerts.first?.at == recent)
        var off = AlertSettings()
        off.cadenceGaps = false
        #expect(Self.evaluate(missed: [recent], settings: off).isEmpty)
    }
}
