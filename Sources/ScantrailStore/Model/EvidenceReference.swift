import ScantrailCore

/// Points at one check's stored evidence in one scan, with the SHA-256 it had when recorded,
/// so that the evidence can be shown and proven unchanged.
public struct EvidenceReference: Hashable, Codable, Sendable {
    /// The scan.
    public let scanID: String
    /// The check.
    public let checkID: String
    /// SHA-256 of the evidence as recorded.
    public let sha256: String
    /// What the outcome said.
    public let detail: String
    /// What the outcome was: failed on the failing side of a proof of fix; passed or not
    /// applicable (the thing judged is gone) on the passing side. `nil` in entries recorded
    /// before it was kept.
    public let outcome: Outcome.Status?

    /// Creates a reference.
    public init(scanID: String, checkID: String, sha256: String, detail: String, outcome: Outcome.Status?) {
        self.scanID = scanID
        self.checkID = checkID
        self.sha256 = sha256
        self.detail = detail
        self.outcome = outcome
    }
}
