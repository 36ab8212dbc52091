import Foundation
import ScantrailCore

/// Decides, without I/O, what one recorded scan does to the tracked findings: open new ones,
/// fix the ones it covered and passed, reopen fixed ones it saw again — and writes an audit
/// entry for every change.
///
/// A finding is fixed only by a scan that judged the same rule at the same place and passed it,
/// or found the thing judged gone (not applicable); a scan that did not cover it (or could not
/// judge it) changes nothing.
struct LifecyclePlanner {
    let scan: PreparedScan
    let scanID: String
    let policy: SLAPolicy
    private(set) var findings: [Fingerprint: TrackedFinding]
    private(set) var changed: Set<Fingerprint> = []
    private(set) var counts = ScanRecord.Counts()

    /// Starts from the `existing` findings the scan may touch, with `reopened` (lapsed
    /// acceptances, already reopened) taking precedence and counted as changed.
    init(scan: PreparedScan, scanID: String, policy: SLAPolicy, existing: [TrackedFinding], reopened: [TrackedFinding])
    {
        self.scan = scan
        self.scanID = scanID
        self.policy = policy
        self.findings = Dictionary(existing.map { ($0.fingerprint, $0) }, uniquingKeysWith: { first, _ in first })
        for finding in reopened {
            findings[finding.fingerprint] = finding
            changed.insert(finding.fingerprint)
        }
        let outcomes = scan.result.summary
        counts.passed = outcomes.passed
        counts.failed = outcomes.failed
        counts.inconclusive = outcomes.inconclusive
    }

    /// The findings that changed, to upsert.
    var changedFindings: [TrackedFinding] {
        changed.sorted { $0.rawValue < $1.rawValue }.compactMap { findings[$0] }
    }

    /// Applies every observation of the scan, in a stable order.
    mutating func apply(to chain: inout AuditChain) throws {
        let observedAt = scan.result.startedAt
        for observation in scan.observations.values.sorted(by: { $0.fingerprint.rawValue < $1.fingerprint.rawValue }) {
            switch observation.outcome.status {
            case .failed: try failed(observation, observedAt: observedAt, chain: &chain)
            case .passed, .notApplicable: try closed(findings[observation.fingerprint], by: observation, chain: &chain)
            case .inconclusive: continue
            }
        }
        for scope in scan.notApplicableScopes {
            for finding in findings.values.sorted(by: { $0.fingerprint.rawValue < $1.fingerprint.rawValue })
            where scan.covers(scope, finding) {
                try closed(finding, by: scope, chain: &chain)
            }
        }
    }

    private mutating func failed(_ observation: PreparedScan.Observation, observedAt: Date, chain: inout AuditChain)
        throws
    {
        let fingerprint = observation.fingerprint
        let sha = scan.evidence[observation.checkID]?.sha256 ?? ""
        guard var finding = findings[fingerprint] else {
            guard let reported = scan.findings[fingerprint] else { return }
            let days = policy.days(for: reported.severity)
            let finding = TrackedFinding(
                fingerprint: fingerprint, target: scan.result.targetURL, ruleID: reported.ruleID,
                checkID: observation.checkID, severity: reported.severity, title: reported.title,
                location: reported.location, status: .open, firstScanID: scanID, firstSeenAt: observedAt,
                lastScanID: scanID, lastSeenAt: observedAt, lastEvidenceSHA256: sha, lastDetail: reported.detail,
                dueAt: days.map { observedAt.addingTimeInterval(Double($0) * 86_400) }, fixedScanID: nil, fixedAt: nil,
                reopenCount: 0, acceptance: nil
            )
            store(finding)
            counts.new += 1
            try chain.append(
                "finding.opened", subject: fingerprint.rawValue,
                details: Opened(
                    scan: scanID, rule: reported.ruleID, severity: reported.severity, dueAt: finding.dueAt,
                    detail: reported.detail))
            return
        }
        finding.lastScanID = scanID
        finding.lastSeenAt = observedAt
        finding.lastEvidenceSHA256 = sha
        finding.lastDetail = observation.outcome.detail
        if finding.status == .fixed {
            let previousFix = finding.fixedScanID
            finding.status = .open
            finding.reopenCount += 1
            finding.fixedScanID = nil
            finding.fixedAt = nil
            counts.reopened += 1
            try chain.append(
                "finding.reopened", subject: fingerprint.rawValue,
                details: Reopened(scan: scanID, previousFixScan: previousFix, detail: observation.outcome.detail))
        }
        store(finding)
    }

    /// Fixes `finding` (when tracked and not fixed yet) on the strength of `observation`, a pass
    /// or a not-applicable outcome, keeping the failing and the passing evidence as the proof.
    private mutating func closed(
        _ finding: TrackedFinding?, by observation: PreparedScan.Observation, chain: inout AuditChain
    ) throws {
        guard var finding, finding.status != .fixed else { return }
        let observedAt = scan.result.startedAt
        let failing = EvidenceReference(
            scanID: finding.lastScanID, checkID: finding.checkID, sha256: finding.lastEvidenceSHA256,
            detail: finding.lastDetail, outcome: .failed)
        let passing = EvidenceReference(
            scanID: scanID, checkID: observation.checkID, sha256: scan.evidence[observation.checkID]?.sha256 ?? "",
            detail: observation.outcome.detail, outcome: observation.outcome.status)
        finding.status = .fixed
        finding.fixedScanID = scanID
        finding.fixedAt = observedAt
        finding.acceptance = nil
        store(finding)
        counts.fixed += 1
        try chain.append(
            "finding.fixed", subject: finding.fingerprint.rawValue,
            details: Fixed(failing: failing, passing: passing, sla: finding.slaStatus(at: observedAt)))
    }

    private mutating func store(_ finding: TrackedFinding) {
        findings[finding.fingerprint] = finding
        changed.insert(finding.fingerprint)
    }

    private struct Opened: Encodable {
        let scan: String
        let rule: String
        let severity: Severity
        let dueAt: Date?
        let detail: String
    }

    private struct Reopened: Encodable {
        let scan: String
        let previousFixScan: String?
        let detail: String
    }

    private struct Fixed: Encodable {
        let failing: EvidenceReference
        let passing: EvidenceReference
        let sla: SLAStatus
    }
}
