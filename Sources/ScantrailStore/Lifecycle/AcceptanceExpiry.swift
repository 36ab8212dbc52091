import Foundation

/// Reopens findings whose acceptance or false-positive mark has lapsed.
enum AcceptanceExpiry {
    /// The findings of `lapsed` whose acceptance expired by `now`, reopened, with an audit entry each.
    static func reopen(_ lapsed: [TrackedFinding], at now: Date, chain: inout AuditChain) throws -> [TrackedFinding] {
        var reopened: [TrackedFinding] = []
        for var finding in lapsed.sorted(by: { $0.fingerprint.rawValue < $1.fingerprint.rawValue }) {
            guard let acceptance = finding.acceptance, let expiresAt = acceptance.expiresAt, expiresAt <= now else {
                continue
            }
            finding.status = .open
            finding.acceptance = nil
            reopened.append(finding)
            try chain.append(
                "finding.acceptance-expired", subject: finding.fingerprint.rawValue,
                details: Expired(was: acceptance.status, reason: acceptance.reason, expiredAt: expiresAt))
        }
        return reopened
    }

    private struct Expired: Encodable {
        let was: FindingStatus
        let reason: String
        let expiredAt: Date
    }
}
