import Foundation
import ScantrailCore
import ScantrailStore

/// A SOC 2 readiness report for one target over a period: per Trust Services criterion in scope,
/// what the evidence trail shows (checks run, passes and failures, open findings and their SLA,
/// fixes with their proof), the API security checklist item by item — each either verified by the
/// trail or attested, never assumed — and the gaps in scan cadence.
public struct ReadinessReport: Codable, Sendable {
    /// A recorded scan of the period.
    public struct Scan: Codable, Sendable, Hashable {
        /// Its sequence number.
        public let sequence: Int
        /// Its id.
        public let id: String
        /// When the target was observed.
        public let observedAt: Date
        /// `complete` or why it stopped.
        public let completion: String
        /// Outcomes passed.
        public let passed: Int
        /// Outcomes failed.
        public let failed: Int

        /// A scan of the period.
        public init(sequence: Int, id: String, observedAt: Date, completion: String, passed: Int, failed: Int) {
            self.sequence = sequence
            self.id = id
            self.observedAt = observedAt
            self.completion = completion
            self.passed = passed
            self.failed = failed
        }
    }

    /// A stretch of the period without any scan longer than the expected cadence.
    public struct Gap: Codable, Sendable, Hashable {
        /// The last scan before it (or the period's start).
        public let from: Date
        /// The next scan (or the period's end).
        public let to: Date
        /// Whole days without a scan.
        public let days: Int
    }

    /// How a monitored target's schedule was kept over the period.
    public struct Monitoring: Codable, Sendable, Hashable {
        /// The schedule, as the store keeps it (`every 86400`, `cron 0 3 * * * @ UTC`).
        public let schedule: String
        /// Due times in the period whose window closed with no scan.
        public let missedRuns: [Date]

        /// Creates the record of a schedule.
        public init(schedule: String, missedRuns: [Date]) {
            self.schedule = schedule
            self.missedRuns = missedRuns
        }

        /// One sentence: the schedule and how many runs it missed.
        public var summary: String {
            let count = missedRuns.count
            return "Scheduled \(schedule): "
                + (count == 0 ? "no scheduled run missed." : "\(count) scheduled run\(count == 1 ? "" : "s") missed:")
        }
    }

    /// A finding's state for a criterion.
    public struct FindingLine: Codable, Sendable, Hashable {
        /// The finding's id (12 hex digits of its fingerprint).
        public let id: String
        /// Its rule.
        public let ruleID: String
        /// Its severity.
        public let severity: Severity
        /// Its rule's title.
        public let title: String
        /// Where it is.
        public let location: String
        /// Its state at the end of the period.
        public let status: FindingStatus
        /// Its SLA state then.
        public let sla: SLAStatus
        /// Its remediation deadline.
        public let dueAt: Date?
        /// When it was fixed.
        public let fixedAt: Date?
        /// For a fix: the scan that failed it and the one that proved it fixed, with evidence digests.
        public let proof: String?
        /// Its remediation ticket's page, if it has one.
        public let ticket: String?
    }

    /// What the trail shows for one criterion.
    public struct Criterion: Codable, Sendable, Hashable {
        /// The criterion.
        public let id: TrustServicesCriterion
        /// What it is about.
        public let title: String
        /// Checks whose rules map to it that ran in the period.
        public let checks: [String]
        /// Outcomes of those rules in the period's scans that passed.
        public let passed: Int
        /// …that failed.
        public let failed: Int
        /// …that could not be judged.
        public let inconclusive: Int
        /// The scans those outcomes come from (sequence numbers): where the evidence is.
        public let evidenceScans: [Int]
        /// Findings still open (or accepted) at the end of the period.
        public let open: [FindingLine]
        /// Findings fixed in the period, with their proof.
        public let fixed: [FindingLine]
        /// Why the trail says nothing of it, when no rule maps to it.
        public let note: String?

        /// A criterion's findings and outcomes.
        public init(
            id: TrustServicesCriterion, title: String, checks: [String], passed: Int, failed: Int, inconclusive: Int,
            evidenceScans: [Int], open: [ReadinessReport.FindingLine], fixed: [ReadinessReport.FindingLine],
            note: String?
        ) {
            self.id = id
            self.title = title
            self.checks = checks
            self.passed = passed
            self.failed = failed
            self.inconclusive = inconclusive
            self.evidenceScans = evidenceScans
            self.open = open
            self.fixed = fixed
            self.note = note
        }
    }

    /// How a checklist item stands.
    public enum ItemState: String, Codable, Sendable {
        /// Shown by the evidence trail.
        case verified
        /// Stated in a current attestation.
        case attested
        /// Neither: unverified, unattested, or attested with an expired attestation.
        case gap
    }

    /// One item of the API security checklist.
    public struct Item: Codable, Sendable, Hashable {
        /// The item's id, as attestations name it.
        public let id: String
        /// What it asks.
        public let text: String
        /// How it stands.
        public let state: ItemState
        /// What shows it, or what is missing.
        public let basis: String

        /// An item in `state` on `basis`.
        public init(id: String, text: String, state: ReadinessReport.ItemState, basis: String) {
            self.id = id
            self.text = text
            self.state = state
            self.basis = basis
        }
    }

    /// The target's base URL.
    public let target: String
    /// The first moment of the period.
    public let periodStart: Date
    /// The first moment after it.
    public let periodEnd: Date
    /// When the report was made.
    public let generatedAt: Date
    /// The scanner that made it.
    public let scanner: ScannerInfo
    /// The period's scans, oldest first.
    public let scans: [Scan]
    /// The longest stretch expected between two scans, in days.
    public let cadenceDays: Int
    /// Stretches longer than ``cadenceDays`` without a scan.
    public let gaps: [Gap]
    /// The target's schedule and the runs it missed, when it is monitored.
    public let monitoring: Monitoring?
    /// The criteria in scope.
    public let criteria: [Criterion]
    /// The API security checklist.
    public let checklist: [Item]

    /// Creates a report.
    public init(
        target: String, periodStart: Date, periodEnd: Date, generatedAt: Date, scanner: ScannerInfo, scans: [Scan],
        cadenceDays: Int, gaps: [Gap], monitoring: Monitoring? = nil, criteria: [Criterion], checklist: [Item]
    ) {
        self.target = target
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.generatedAt = generatedAt
        self.scanner = scanner
        self.scans = scans
        self.cadenceDays = cadenceDays
        self.gaps = gaps
        self.monitoring = monitoring
        self.criteria = criteria
        self.checklist = checklist
    }
}

extension ReadinessReport.Gap {
    /// A gap from `from` to `to`.
    public init(from: Date, to: Date) {
        self.from = from
        self.to = to
        self.days = Int(to.timeIntervalSince(from) / 86_400)
    }
}

extension ReadinessReport.FindingLine {
    /// A line for `finding`, judged at `now`, with `proof` for a fix and its `ticket`'s page.
    public init(_ finding: TrackedFinding, at now: Date, proof: String?, ticket: String? = nil) {
        id = finding.id
        ruleID = finding.ruleID
        severity = finding.severity
        title = finding.title
        location = finding.location.display
        status = finding.status
        sla = finding.slaStatus(at: now)
        dueAt = finding.dueAt
        fixedAt = finding.fixedAt
        self.proof = proof
        self.ticket = ticket
    }
}
