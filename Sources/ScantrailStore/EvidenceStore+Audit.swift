import Foundation

extension EvidenceStore {
    /// The shortest retention the store allows, in days.
    public static let minimumRetentionDays = 90
    /// The default retention: a Type II window of twelve months plus margin.
    public static let defaultRetentionDays = 400

    /// Audit entries in order; only those about `subject` when given.
    public func auditEntries(subject: String? = nil) async throws -> [AuditEntry] {
        let statement =
            subject.map { SQLStatement("SELECT * FROM audit_log WHERE subject = ? ORDER BY seq", [.text($0)]) }
            ?? SQLStatement("SELECT * FROM audit_log ORDER BY seq")
        return try await database.rows(statement).map(AuditEntry.init(row:))
    }

    /// Checks the whole audit chain and names every edited, deleted or reordered entry; then
    /// checks it against every signed checkpoint — the store's and `external` ones (from a bundle
    /// or a checkpoint file) — so a chain rewritten with recomputed hashes is named too.
    ///
    /// - Parameter verifier: The installation's public key; without it, signatures are not checked.
    public func verifyAudit(verifier: (any CheckpointVerifier)? = nil, against external: [AuditCheckpoint] = [])
        async throws -> AuditVerification
    {
        AuditVerification.of(
            try await auditEntries(), checkpoints: try await checkpoints() + external, verifier: verifier)
    }

    /// The signed checkpoints, oldest first.
    public func checkpoints() async throws -> [AuditCheckpoint] {
        try await database.rows(SQLStatement("SELECT * FROM audit_checkpoints ORDER BY seq, at")).map(
            AuditCheckpoint.init(row:))
    }

    /// Signs the chain's current head now (at an export), keeps the checkpoint and returns it;
    /// `nil` for an empty log.
    ///
    /// - Throws: ``StoreError`` without a signer.
    public func signCheckpoint() async throws -> AuditCheckpoint? {
        guard let signer else { throw StoreError.invalid("no signing key: run 'scantrail signing-key init'") }
        let at = now()
        return try await database.write(reading: [AuditChain.headQuery]) { rows in
            guard let head = rows[0].first else { return ([], nil) }
            let checkpoint = try AuditCheckpoint.sign(
                sequence: Int(try head.integer("seq")), hash: try head.text("hash"), at: at, with: signer)
            return ([checkpoint.insert], checkpoint)
        }
    }

    /// Deletes audit entries older than `retentionDays`, and records the pruning as an entry that
    /// anchors the chain, so it still verifies.
    ///
    /// - Returns: How many entries were removed.
    /// - Throws: ``StoreError`` when `retentionDays` is under ``minimumRetentionDays``.
    @discardableResult
    public func pruneAudit(retentionDays: Int = defaultRetentionDays) async throws -> Int {
        guard retentionDays >= Self.minimumRetentionDays else {
            throw StoreError.invalid("retention must be at least \(Self.minimumRetentionDays) days")
        }
        let at = now()
        let cutoff = at.addingTimeInterval(-Double(retentionDays) * 86_400)
        let actor = actor
        let lastOld = SQLStatement(
            "SELECT seq, hash FROM audit_log WHERE at < ? ORDER BY seq DESC LIMIT 1", [.integer(cutoff.milliseconds)])
        let removable = SQLStatement(
            "SELECT COUNT(*) AS n FROM audit_log WHERE seq <= (SELECT MAX(seq) FROM audit_log WHERE at < ?)",
            [.integer(cutoff.milliseconds)])
        return try await database.write(reading: [lastOld, removable, AuditChain.headQuery]) { rows in
            guard let last = rows[0].first else { return ([], 0) }
            let through = Int(try last.integer("seq"))
            let removed = Int(try rows[1].first?.integer("n") ?? 0)
            var chain = try AuditChain(headRows: rows[2], at: at, actor: actor)
            try chain.append(
                "audit.pruned", subject: "audit",
                details: AuditChain.PruneDetails(
                    throughSequence: through, anchorHash: try last.text("hash"), removed: removed,
                    retentionDays: retentionDays))
            let delete = SQLStatement("DELETE FROM audit_log WHERE seq <= ?", [.int(through)])
            return ([delete] + AuditEntry.insert(chain.entries), removed)
        }
    }
}
