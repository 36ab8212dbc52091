import Foundation

/// Signs audit checkpoints: the installation's key, held outside the store.
public protocol CheckpointSigner: Sendable {
    /// Names the key (its fingerprint), so a verifier knows which key to check with.
    var keyID: String { get }
    /// A signature over `message`.
    func signature(for message: Data) throws -> Data
}

/// Checks audit checkpoints' signatures: the installation's public key.
public protocol CheckpointVerifier: Sendable {
    /// The key's fingerprint, as ``CheckpointSigner/keyID``.
    var keyID: String { get }
    /// Whether `signature` is this key's over `message`.
    func isValidSignature(_ signature: Data, for message: Data) -> Bool
}

/// The head of the audit chain (sequence, hash, time) signed with the installation's key. A hash
/// chain alone does not show a rewrite that recomputes every hash after an edit; a checkpoint
/// does, because nobody without the key can sign the rewritten head.
public struct AuditCheckpoint: Hashable, Codable, Sendable {
    /// The chain entry signed.
    public let sequence: Int
    /// Its hash.
    public let hash: String
    /// When it was signed.
    public let at: Date
    /// The signing key's fingerprint.
    public let keyID: String
    /// The signature over ``message``, base64.
    public let signature: String

    /// The bytes signed: a versioned, line-separated statement of the head.
    public var message: Data {
        Data("scantrail-audit-checkpoint-v1\n\(sequence)\n\(hash)\n\(at.milliseconds)\n".utf8)
    }

    /// Signs the head `sequence`/`hash` at `at` with `signer`.
    static func sign(sequence: Int, hash: String, at: Date, with signer: any CheckpointSigner) throws -> Self {
        let unsigned = AuditCheckpoint(sequence: sequence, hash: hash, at: at, keyID: signer.keyID, signature: "")
        return AuditCheckpoint(
            sequence: sequence, hash: hash, at: at, keyID: signer.keyID,
            signature: try signer.signature(for: unsigned.message).base64EncodedString())
    }

    /// The statement storing it.
    var insert: SQLStatement {
        SQLStatement(
            "INSERT INTO audit_checkpoints (seq, hash, at, key_id, signature) VALUES (?, ?, ?, ?, ?)",
            [.int(sequence), .text(hash), .integer(at.milliseconds), .text(keyID), .text(signature)])
    }

    /// Reads an `audit_checkpoints` row.
    init(row: SQLRow) throws {
        self.init(
            sequence: Int(try row.integer("seq")), hash: try row.text("hash"),
            at: Date(milliseconds: try row.integer("at")), keyID: try row.text("key_id"),
            signature: try row.text("signature"))
    }

    /// Creates a checkpoint as stored or shipped.
    public init(sequence: Int, hash: String, at: Date, keyID: String, signature: String) {
        self.sequence = sequence
        self.hash = hash
        self.at = at
        self.keyID = keyID
        self.signature = signature
    }

    /// What is wrong with this checkpoint against `entries` (the log as read) and `verifier`.
    func problems(in entries: [Int: AuditEntry], lastSequence: Int, verifier: (any CheckpointVerifier)?) -> [String] {
        let when = at.formatted(.iso8601)
        var problems: [String] = []
        if let verifier {
            if verifier.keyID != keyID {
                problems.append(
                    "the checkpoint of entry \(sequence) signed at \(when) is signed by another key (\(keyID.prefix(16)))"
                )
            } else if !verifier.isValidSignature(Data(base64Encoded: signature) ?? Data(), for: message) {
                problems.append("the checkpoint of entry \(sequence) signed at \(when) has an invalid signature")
            }
        }
        if sequence > lastSequence {
            problems.append(
                "the log ends at entry \(lastSequence), but a checkpoint signed at \(when) covers entry \(sequence): entries were removed"
            )
        } else if let entry = entries[sequence], entry.hash != hash {
            problems.append(
                "entry \(sequence) differs from the checkpoint signed at \(when): the chain was rewritten up to there")
        }
        return problems
    }
}
