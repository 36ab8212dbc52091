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

    /// What the trail knows of the scan, for its reports; `nil` when not recorded.
    public let trail: TrailView?
}
