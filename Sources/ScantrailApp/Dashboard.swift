import Foundation
import ScantrailCore
import ScantrailReports
import ScantrailStore
import ScantrailTLS

/// What the web service's dashboard shows, read from the store a page at a time so it costs the
/// same with a million findings: open findings by severity, the nearest remediation deadlines
/// (overdue first), each target with its latest scan, scan cadence and gaps, a trend of its
/// recent scans, and the certificate-expiry calendar.
public struct Dashboard: Sendable {
    /// One scanned target.
    public struct TargetLine: Sendable {
        /// The target, its latest scan and its open findings by severity.
        public let summary: TargetSummary
        /// Its latest scans, oldest first (at most ``Dashboard/trendScans``).
        public let recent: [ScanRecord]
        /// Stretches of more than the cadence without a scan, over the recent scans up to now.
        public let gaps: [ReadinessReport.Gap]
    }

    /// A served certificate's end of validity, as its target's latest scan saw it.
    public struct CertificateDeadline: Sendable, Hashable {
        /// The target.
        public let target: String
        /// The leaf certificate's subject.
        public let subject: String
        /// When it expires.
        public let notAfter: Date
        /// Whole days left at the time the dashboard was read (negative: expired).
        public let daysLeft: Int
    }

    /// Scans a target's trend shows.
    public static let trendScans = 20

    /// When it was read.
    public let now: Date
    /// The cadence gaps are measured against, in days.
    public let cadenceDays: Int
    /// Every tracked finding by state and severity.
    public let counts: FindingCounts
    /// The open findings nearest their deadline (overdue first), one page.
    public let deadlines: FindingPage
    /// The targets, by base URL.
    public let targets: [TargetLine]
    /// The targets' certificates, soonest expiry first.
    public let certificates: [CertificateDeadline]

    /// Reads the dashboard from `store` at `now`, deadlines after `cursor`.
    public static func load(
        from store: EvidenceStore, now: Date = Date(), cadenceDays: Int = 7, after cursor: FindingCursor? = nil
    ) async throws -> Dashboard {
        var targets: [TargetLine] = []
        var certificates: [CertificateDeadline] = []
        for summary in try await store.targets() {
            let recent = try await store.recentScans(target: summary.target, limit: trendScans).reversed()
            targets.append(
                TargetLine(
                    summary: summary, recent: Array(recent),
                    gaps: ReadinessAssessment.gaps(
                        recent.map(\.observedAt), from: recent.first?.observedAt ?? now, to: now,
                        cadenceDays: cadenceDays)))
            if let certificate = try await certificate(of: summary, in: store, at: now) {
                certificates.append(certificate)
            }
        }
        return Dashboard(
            now: now, cadenceDays: cadenceDays, counts: try await store.findingCounts(),
            deadlines: try await store.findings(FindingFilter(), after: cursor, limit: 25), targets: targets,
            certificates: certificates.sorted { ($0.notAfter, $0.target) < ($1.notAfter, $1.target) })
    }

    /// The leaf certificate the target's latest scan was served, if it probed one.
    public static func certificate(of summary: TargetSummary, in store: EvidenceStore, at now: Date) async throws
        -> CertificateDeadline?
    {
        guard summary.target.hasPrefix("https://"),
            let evidence = try await store.evidence(of: "tls.configuration", in: summary.latest),
            let facts = try? evidence["result"]?.decode(TLSScanResult.self),
            let leaf = facts.chain?.chain.first
        else { return nil }
        return CertificateDeadline(
            target: summary.target, subject: leaf.subject, notAfter: leaf.notAfter,
            daysLeft: Int((leaf.notAfter.timeIntervalSince(now) / 86_400).rounded(.down)))
    }
}
