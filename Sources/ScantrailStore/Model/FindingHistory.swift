import ScantrailCore

/// A finding's whole life: its current state, every audit entry about it, and — when it was
/// fixed — the failing and passing evidence side by side.
public struct FindingHistory: Codable, Sendable {
    /// The finding now.
    public let finding: TrackedFinding
    /// Every audit entry whose subject is the finding, oldest first.
    public let entries: [AuditEntry]
    /// The latest proof of fix: the failing observation and the passing one.
    public let proofOfFix: ProofOfFix?
    /// Its remediation ticket, if one was opened.
    public let ticket: RemediationTicket?
}

/// The failing and the passing evidence of one fix, kept together.
public struct ProofOfFix: Codable, Sendable {
    /// The last failing observation before the fix.
    public let failing: StoredEvidence
    /// The passing observation that verified the fix.
    public let passing: StoredEvidence
}

/// One check's evidence read back from the store, with whether it still has its recorded hash.
public struct StoredEvidence: Codable, Sendable {
    /// Which evidence.
    public let reference: EvidenceReference
    /// The evidence as stored (redacted JSON).
    public let evidence: JSONValue?
    /// Whether the stored evidence still hashes to ``EvidenceReference/sha256``.
    public let isIntact: Bool
}
