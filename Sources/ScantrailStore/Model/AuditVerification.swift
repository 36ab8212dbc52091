/// The result of checking the audit log's hash chain.
public struct AuditVerification: Hashable, Codable, Sendable {
    /// Entries checked.
    public let entriesChecked: Int
    /// Signed checkpoints the chain was checked against.
    public var checkpointsChecked = 0
    /// Every break found, in order, each naming the entry (`entry 12 was edited`).
    public let problems: [String]

    /// Whether the chain is intact.
    public var isIntact: Bool { problems.isEmpty }

    /// Checks `entries` (a log read back, or shipped in a bundle) as a chain, then against each
    /// of `checkpoints`; `verifier` checks their signatures when given.
    public static func of(
        _ entries: [AuditEntry], checkpoints: [AuditCheckpoint], verifier: (any CheckpointVerifier)?
    ) -> AuditVerification {
        let chain = AuditChain.verify(entries)
        let bySequence = Dictionary(entries.map { ($0.sequence, $0) }, uniquingKeysWith: { first, _ in first })
        let checkpoints = Set(checkpoints).sorted { ($0.sequence, $0.at) < ($1.sequence, $1.at) }
        let problems = checkpoints.flatMap {
            $0.problems(in: bySequence, lastSequence: entries.last?.sequence ?? 0, verifier: verifier)
        }
        var verification = AuditVerification(entriesChecked: chain.entriesChecked, problems: chain.problems + problems)
        verification.checkpointsChecked = checkpoints.count
        return verification
    }
}
