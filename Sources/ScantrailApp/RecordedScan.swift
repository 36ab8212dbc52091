import ScantrailCore
import ScantrailStore

/// A scan as the evidence store recorded it, with the findings that count toward the gate.
public struct RecordedScan: Sendable {
    /// The stored scan and what it changed; `nil` when the request records nothing.
    public let record: ScanRecord?
    /// The findings that count toward the gate: not accepted, not false positives, not already
    /// failing in the baseline.
    public let counted: [Finding]
    /// What the scan means for the gate.
    public let verdict: ScanVerdict

    /// How many of the scan's findings do not count (accepted or in the baseline).
    public let excluded: Int

    /// The tracked state of the scan's findings and of those it fixed; empty when not recorded.
    public let tracked: [TrackedFinding]

    /// The findings new in this scan: not failing in the baseline, or first seen in this scan;
    /// `nil` when the scan is not recorded.
    public let new: Set<Fingerprint>?

    /// The target's recorded scans up to this one, oldest first; empty when not recorded.
    public let history: [ScanRecord]

    /// Every tracked finding of the target; empty when not recorded.
    public let targetFindings: [TrackedFinding]
}
