import Foundation
import ScantrailApp
import ScantrailStore

/// What alerts are evaluated from, read from the store in one pass.
public struct AlertFacts: Sendable {
    /// One monitored target with how its schedule has gone.
    public struct Monitored: Sendable {
        public let target: MonitoredTarget
        /// Its latest jobs, newest first.
        public let recentJobs: [ScanJob]
        /// Scheduled runs that did not happen.
        public let missedRuns: [Date]

        /// Creates the facts of one target.
        public init(target: MonitoredTarget, recentJobs: [ScanJob], missedRuns: [Date]) {
            self.target = target
            self.recentJobs = recentJobs
            self.missedRuns = missedRuns
        }
    }

    /// Open findings.
    public let findings: [TrackedFinding]
    /// The certificates the targets' latest scans were served.
    public let certificates: [Dashboard.CertificateDeadline]
    /// The monitored targets.
    public let monitored: [Monitored]

    /// Creates facts.
    public init(findings: [TrackedFinding], certificates: [Dashboard.CertificateDeadline], monitored: [Monitored]) {
        self.findings = findings
        self.certificates = certificates
        self.monitored = monitored
    }

    /// Reads the facts from `store` at `now`, with enough job history for `settings`.
    public static func read(from store: EvidenceStore, settings: AlertSettings, now: Date) async throws -> AlertFacts {
        var certificates: [Dashboard.CertificateDeadline] = []
        if settings.certificateExpiresWithinDays > 0 {
            for summary in try await store.targets() {
                if let certificate = try await Dashboard.certificate(of: summary, in: store, at: now) {
                    certificates.append(certificate)
                }
            }
        }
        var monitored: [Monitored] = []
        for target in try await store.monitoredTargets() {
            let status = try await TargetMonitoring.status(of: target, in: store, now: now)
            monitored.append(
                Monitored(
                    target: target,
                    recentJobs: try await store.scanJobs(
                        target: target.id, limit: max(settings.failedScansInARow, 1) + 2),
                    missedRuns: status.missedRuns))
        }
        let findings = settings.minimumSeverity == nil ? [] : try await store.findings(status: .open)
        return AlertFacts(findings: findings, certificates: certificates, monitored: monitored)
    }
}
