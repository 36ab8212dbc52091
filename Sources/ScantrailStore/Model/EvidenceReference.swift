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
}
