import Foundation

/// One entry of the append-only audit log. Each entry carries the SHA-256 of the previous one,
/// so that editing, deleting or reordering any entry breaks the chain where it happened.
public struct AuditEntry: Hashable, Codable, Sendable {
    /// Position in the log, from 1.
    public let sequence: Int
    /// When it happened (the store's clock).
    public let at: Date
    /// Who or what did it (`alice@laptop`, `scantrail scan`).
    public let actor: String
    /// What happened: `scan.recorded`, `finding.opened`, `finding.fixed`, `finding.reopened`,
    /// `finding.accepted`, `finding.false-positive`, `finding.acceptance-expired`, `audit.pruned`.
    public let action: String
    /// What it happened to: a scan id, a fingerprint, `audit`.
    public let subject: String
    /// Details as canonical JSON (sorted keys).
    public let details: String
    /// The previous entry's hash; 64 zeros for the first entry.
    public let previousHash: String
    /// SHA-256 over the previous hash and this entry's content.
    public let hash: String

    /// The hash before the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// Creates an entry chained to `previousHash`, computing its hash.
    init(sequence: Int, at: Date, actor: String, action: String, subject: String, details: String, previousHash: String)
    {
        self.init(
            sequence: sequence, at: at, actor: actor, action: action, subject: subject, details: details,
            previousHash: previousHash,
            hash: Self.hash(
                previousHash: previousHash, at: at, actor: actor, action: action, subject: subject, details: details))
    }

    /// Recreates a stored entry as it is, hash included.
    init(
        sequence: Int, at: Date, actor: String, action: String, subject: String, details: String, previousHash: String,
        hash: String
    ) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.details = details
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash this entry's content should have. The sequence number is left out on purpose:
    /// order is what the chain of previous hashes proves.
    var expectedHash: String {
        Self.hash(previousHash: previousHash, at: at, actor: actor, action: action, subject: subject, details: details)
    }

    private static func hash(
        previousHash: String, at: Date, actor: String, action: String, subject: String, details: String
    ) -> String {
        let fields = [previousHash, String(at.milliseconds), actor, action, subject, details]
        // A newline cannot appear in the hash, the time or canonical JSON, and is escaped in
        // the free-text fields, so distinct entries never hash the same text.
        let text = fields.map(escaped).joined(separator: "\n")
        return CanonicalJSON.sha256(text)
    }

    /// `field` with backslashes doubled and newlines written `\n`; untouched (and not copied)
    /// when it has neither, which is nearly always.
    private static func escaped(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\n") }) else { return field }
        return field.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
