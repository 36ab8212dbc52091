import Foundation

/// Builds new audit entries on top of the log's head, and verifies a log read back.
struct AuditChain {
    private(set) var entries: [AuditEntry] = []
    private var sequence: Int
    private var head: String
    private let at: Date
    private let actor: String

    /// Starts appending after the entry with `sequence` and `hash` (0 and the genesis hash for
    /// an empty log), at time `at`, on behalf of `actor`.
    init(afterSequence sequence: Int, hash: String, at: Date, actor: String) {
        self.sequence = sequence
        self.head = hash
        self.at = at
        self.actor = actor
    }

    /// Reads the log's head from the row of `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`.
    init(headRows: [SQLRow], at: Date, actor: String) throws {
        let row = headRows.first
        self.init(
            afterSequence: Int(try row?.integer("seq") ?? 0), hash: try row?.text("hash") ?? AuditEntry.genesis, at: at,
            actor: actor)
    }

    /// The statement that reads the head.
    static let headQuery = SQLStatement("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")

    /// Appends an entry.
    mutating func append(_ action: String, subject: String, details: some Encodable) throws {
        sequence += 1
        let entry = AuditEntry(
            sequence: sequence, at: at, actor: actor, action: action, subject: subject,
            details: try CanonicalJSON.string(details), previousHash: head
        )
        head = entry.hash
        entries.append(entry)
    }

    /// What a pruning entry records: the last entry removed and its hash, which the first kept
    /// entry's previous hash must equal.
    struct PruneDetails: Codable {
        let throughSequence: Int
        let anchorHash: String
        let removed: Int
        let retentionDays: Int
    }

    /// Checks `entries` (in sequence order): every entry's hash matches its content, and every
    /// entry's previous hash is the hash of the entry before it — or, for the first kept entry after
    /// a pruning, the anchor that the pruning entry recorded.
    static func verify(_ entries: [AuditEntry]) -> AuditVerification {
        var problems: [String] = []
        let sequenceByHash = Dictionary(entries.map { ($0.hash, $0.sequence) }, uniquingKeysWith: { first, _ in first })
        for (index, entry) in entries.enumerated() {
            if entry.expectedHash != entry.hash {
                problems.append("entry \(entry.sequence) was edited: its content no longer matches its hash")
            }
            guard index > 0 else {
                problems += verifyStart(entry, in: entries)
                continue
            }
            let previous = entries[index - 1]
            guard entry.previousHash != previous.hash else { continue }
            if let other = sequenceByHash[entry.previousHash] {
                problems.append("entry \(entry.sequence) is out of order: it was chained after entry \(other)")
            } else if entry.sequence > previous.sequence + 1 {
                let missing =
                    entry.sequence == previous.sequence + 2
                    ? "entry \(previous.sequence + 1) was"
                    : "entries \(previous.sequence + 1)-\(entry.sequence - 1) were"
                problems.append(
                    "\(missing) deleted: entry \(entry.sequence) does not follow entry \(previous.sequence)")
            } else {
                problems.append(
                    "entry \(entry.sequence) does not follow entry \(previous.sequence): the chain is broken")
            }
        }
        return AuditVerification(entriesChecked: entries.count, problems: problems)
    }

    /// The first kept entry starts the chain, or continues a pruning's anchor.
    private static func verifyStart(_ first: AuditEntry, in entries: [AuditEntry]) -> [String] {
        if first.sequence == 1 {
            return first.previousHash == AuditEntry.genesis ? [] : ["entry 1 does not start the chain"]
        }
        let anchored = entries.contains { entry in
            guard entry.action == "audit.pruned",
                let details = try? CanonicalJSON.decode(PruneDetails.self, from: entry.details)
            else { return false }
            return details.throughSequence == first.sequence - 1 && details.anchorHash == first.previousHash
        }
        return anchored
            ? [] : ["entries 1-\(first.sequence - 1) are missing and no pruning entry accounts for them"]
    }
}
