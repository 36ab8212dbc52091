import Foundation
import ScantrailCore

extension EvidenceStore {
    /// Accepts a finding's risk, or marks it a false positive, with a reason and an optional
    /// expiry after which it opens again. Accepted findings do not fail CI.
    ///
    /// - Parameters:
    ///   - reference: A prefix of the finding's fingerprint.
    ///   - status: ``FindingStatus/accepted`` or ``FindingStatus/falsePositive``.
    /// - Throws: ``StoreError`` when the finding is unknown, ambiguous or already fixed, or the
    ///   expiry is not in the future.
    @discardableResult
    public func accept(
        _ reference: String,
        as status: FindingStatus = .accepted,
        reason: String,
        expiresAt: Date? = nil
    ) async throws -> TrackedFinding {
        precondition(status == .accepted || status == .falsePositive, "only accepted or false-positive")
        let at = now()
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalid("a reason is required")
        }
        if let expiresAt, expiresAt <= at {
            throw StoreError.invalid("the expiry must be in the future")
        }
        let lookup = SQLStatement(
            "SELECT * FROM findings WHERE fingerprint LIKE ?", [.text(try Self.prefixPattern(reference))])
        let actor = actor
        return try await database.write(reading: [lookup, AuditChain.headQuery]) { rows in
            var finding = try TrackedFinding(row: Self.single(rows[0], what: "finding \(reference)"))
            guard finding.status != .fixed else {
                throw StoreError.invalid("finding \(finding.id) is fixed; there is nothing to accept")
            }
            let acceptance = Acceptance(status: status, reason: reason, by: actor, at: at, expiresAt: expiresAt)
            finding.status = status
            finding.acceptance = acceptance
            var chain = try AuditChain(headRows: rows[1], at: at, actor: actor)
            try chain.append("finding.\(status.rawValue)", subject: finding.fingerprint.rawValue, details: acceptance)
            return (TrackedFinding.upsert([finding]) + AuditEntry.insert(chain.entries), finding)
        }
    }

    /// Reopens every finding whose acceptance or false-positive mark has lapsed, with an audit
    /// entry each. Recording a scan does this too.
    ///
    /// - Returns: The reopened findings.
    @discardableResult
    public func expireAcceptances() async throws -> [TrackedFinding] {
        let at = now()
        let actor = actor
        return try await database.write(reading: [Self.lapsedQuery(at: at), AuditChain.headQuery]) { rows in
            let lapsed = try rows[0].map(TrackedFinding.init(row:))
            guard !lapsed.isEmpty else { return ([], []) }
            var chain = try AuditChain(headRows: rows[1], at: at, actor: actor)
            let reopened = try AcceptanceExpiry.reopen(lapsed, at: at, chain: &chain)
            return (TrackedFinding.upsert(reopened) + AuditEntry.insert(chain.entries), reopened)
        }
    }

    /// Fingerprints that are accepted or marked false positive now: findings CI ignores.
    public func acceptedFingerprints() async throws -> Set<Fingerprint> {
        let rows = try await database.rows(
            SQLStatement("SELECT fingerprint FROM findings WHERE status IN ('accepted', 'false-positive')"))
        return Set(try rows.map { Fingerprint(rawValue: try $0.text("fingerprint")) })
    }
}
