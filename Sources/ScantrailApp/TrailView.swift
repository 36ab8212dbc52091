import ScantrailCore
import ScantrailReports
import ScantrailStore

/// What the evidence trail knows of one recorded scan, for its reports: the tracked state of its
/// findings (and of those it fixed), which are new, the target's scans up to it, and every
/// tracked finding of the target (the SLA trend).
public struct TrailView: Sendable {
    /// The scan's findings and those it fixed, as tracked.
    public let tracked: [TrackedFinding]
    /// Its findings not failing in the baseline, or (without one) first seen in it.
    public let new: Set<Fingerprint>
    /// The target's recorded scans up to this one, oldest first.
    public let history: [ScanRecord]
    /// Every tracked finding of the target.
    public let targetFindings: [TrackedFinding]

    /// The view of `result`, recorded as `record`, new judged against `baseline` when given.
    static func load(
        _ record: ScanRecord, _ result: ScanResult, baseline: Set<Fingerprint>?, from store: EvidenceStore
    ) async throws -> TrailView {
        let tracked = try await store.judged(by: record, in: result)
        let notNew = baseline ?? Set(tracked.filter { $0.firstScanID != record.id }.map(\.fingerprint))
        return TrailView(
            tracked: tracked, new: Set(result.findings.map(\.fingerprint)).subtracting(notNew),
            history: try await store.scans(target: result.targetURL).filter { $0.sequence <= record.sequence },
            targetFindings: try await store.findings(target: result.targetURL))
    }
}

extension ReportInput {
    /// The input for `result` with what `trail` knows of it (nothing when not recorded).
    init(
        result: ScanResult, trail: TrailView?, description: ReportInput.Description?, policy: SLAPolicy
    ) {
        self.init(
            result: result, catalogue: .shipped, trail: trail?.tracked ?? [], new: trail?.new, description: description,
            history: trail?.history ?? [], targetFindings: trail?.targetFindings ?? [], policy: policy)
    }
}
