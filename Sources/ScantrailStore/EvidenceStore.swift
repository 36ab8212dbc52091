import Foundation
import Logging
import ScantrailCore

/// The evidence trail: every scan, every finding's life from detection to verified fix,
/// remediation deadlines, risk acceptances, and a hash-chained audit log, on either backend.
public struct EvidenceStore: Sendable {
    /// The database underneath.
    public let database: any SQLDatabase
    /// Remediation days per severity, applied to new findings.
    public let policy: SLAPolicy
    /// Who is acting, written into audit entries (`alice@laptop`).
    public let actor: String
    let now: @Sendable () -> Date
    /// Signs the audit chain's head at every recorded scan; `nil` makes no checkpoints.
    let signer: (any CheckpointSigner)?

    /// Opens a store on `database`, applying pending migrations and reopening the findings whose
    /// risk acceptance has lapsed, so that whatever is read next is current.
    ///
    /// - Parameters:
    ///   - policy: SLA days per severity for findings detected from now on.
    ///   - actor: Who is acting, for the audit log.
    ///   - now: The store's clock ("recorded at", acceptance expiry, SLA), replaceable in tests.
    ///   - signer: Signs an audit checkpoint at every recorded scan (the installation's key).
    public static func open(
        _ database: any SQLDatabase,
        policy: SLAPolicy = SLAPolicy(),
        actor: String,
        now: @escaping @Sendable () -> Date = Date.init,
        signer: (any CheckpointSigner)? = nil
    ) async throws -> EvidenceStore {
        try await Schema.migrate(database, now: now().milliseconds)
        let store = EvidenceStore(database: database, policy: policy, actor: actor, now: now, signer: signer)
        try await store.expireAcceptances()
        return store
    }

    /// Opens the store at `location` for the length of `body`.
    public static func withStore<Result: Sendable>(
        at location: StoreLocation,
        policy: SLAPolicy = SLAPolicy(),
        actor: String,
        now: @escaping @Sendable () -> Date = Date.init,
        signer: (any CheckpointSigner)? = nil,
        _ body: (EvidenceStore) async throws -> Result
    ) async throws -> Result {
        switch location {
        case .sqlite(let path):
            let store = try await open(
                SQLiteDatabase(path: path), policy: policy, actor: actor, now: now, signer: signer)
            return try await body(store)
        case .postgres(let url):
            return try await PostgresDatabase.withDatabase(url: url) { database in
                try await body(try await open(database, policy: policy, actor: actor, now: now, signer: signer))
            }
        }
    }

    /// The same store, with `actor` written into the audit entries of what it does next (the
    /// API key or signed-in user of one request to a shared service).
    public func acting(as actor: String) -> EvidenceStore {
        EvidenceStore(database: database, policy: policy, actor: actor, now: now, signer: signer)
    }

    /// Records a scan: its configuration, evidence and outcomes, and what it does to the tracked
    /// findings (new, fixed, reopened), with an audit entry for the scan and for each change.
    /// Lapsed acceptances are reopened first.
    ///
    /// - Parameter job: The claimed scan job this scan runs, marked succeeded in the same
    ///   transaction, so that a due scan is recorded exactly once.
    /// - Returns: The stored scan with its counts.
    /// - Throws: ``StoreError/leaseLost(_:)`` (and records nothing) when `job`'s claim is no
    ///   longer current.
    @discardableResult
    public func record(_ result: ScanResult, completing job: ScanJob? = nil) async throws -> ScanRecord {
        let scan = try PreparedScan(result)
        let scanID = UUID().uuidString.lowercased()
        let recordedAt = now()
        let configuration = try CanonicalJSON.string(result.configuration)
        let report = try CanonicalJSON.string(result)
        let lookups =
            SQLStatement.select(
                "SELECT * FROM findings", where: "fingerprint", in: scan.judgedFingerprints.map { .text($0.rawValue) })
            + scan.scopeQueries
        let reads =
            lookups + [
                Self.lapsedQuery(at: recordedAt), AuditChain.headQuery,
                SQLStatement("SELECT MAX(seq) AS seq FROM scans"),
            ] + [job.map(claimFence)].compactMap { $0 }
        let (policy, actor, signer) = (policy, actor, signer)
        return try await database.write(reading: reads) { rows in
            if let job { _ = try Self.claimed(job, fenceRows: rows[lookups.count + 3]) }
            let existing = try rows[..<lookups.count].joined().map(TrackedFinding.init(row:))
            let lapsed = try rows[lookups.count].map(TrackedFinding.init(row:))
            var chain = try AuditChain(headRows: rows[lookups.count + 1], at: recordedAt, actor: actor)
            let sequence = Int(try rows[lookups.count + 2].first?.optionalInteger("seq") ?? 0) + 1
            let reopened = try AcceptanceExpiry.reopen(lapsed, at: recordedAt, chain: &chain)
            var planner = LifecyclePlanner(
                scan: scan, scanID: scanID, policy: policy, existing: existing, reopened: reopened)
            try planner.apply(to: &chain)
            let record = ScanRecord(
                id: scanID, sequence: sequence, target: result.targetURL, observedAt: result.startedAt,
                finishedAt: result.finishedAt, recordedAt: recordedAt,
                completion: result.completion.reason.map { "incomplete: \($0.rawValue)" } ?? "complete",
                scannerVersion: result.scanner.version, catalogueVersion: result.ruleCatalogueVersion,
                requestsSent: result.requestsSent, counts: planner.counts
            )
            // The scan's own entry closes the changes it caused, with their counts.
            try chain.append(
                "scan.recorded", subject: scanID,
                details: ScanRecorded(
                    record: record, configurationSHA256: CanonicalJSON.sha256(configuration), job: job?.id))
            let head = chain.entries.last!
            let checkpoint = try signer.map {
                try AuditCheckpoint.sign(sequence: head.sequence, hash: head.hash, at: recordedAt, with: $0).insert
            }
            let statements =
                [checkpoint].compactMap { $0 } + [
                    record.insert(configuration: configuration),
                    SQLStatement(
                        "INSERT INTO scan_reports (scan_id, report) VALUES (?, ?)", [.text(scanID), .text(report)]),
                ] + scan.evidenceStatements(scanID: scanID)
                + TrackedFinding.upsert(planner.changedFindings) + AuditEntry.insert(chain.entries)
                + [job.map { Self.complete($0, scanID: scanID, at: recordedAt) }].compactMap { $0 }
            return (statements, record)
        }
    }

    /// What the `scan.recorded` audit entry says.
    private struct ScanRecorded: Encodable {
        let record: ScanRecord
        let configurationSHA256: String
        /// The scan job it completed, when a worker ran it.
        let job: String?
    }

    /// Findings whose acceptance or false-positive mark has lapsed at `now`.
    static func lapsedQuery(at now: Date) -> SQLStatement {
        SQLStatement(
            "SELECT * FROM findings WHERE status IN ('accepted', 'false-positive') AND accept_expires_at IS NOT NULL AND accept_expires_at <= ?",
            [.integer(now.milliseconds)])
    }
}
