import Crypto
import Foundation
import ScantrailCore
import ScantrailTestSupport
import Testing

@testable import ScantrailStore

/// An Ed25519 key for the tests, playing the installation's.
struct TestSigner: CheckpointSigner, CheckpointVerifier {
    let seed = Curve25519.Signing.PrivateKey().rawRepresentation
    let keyID: String

    init(keyID: String = "test-key") { self.keyID = keyID }

    private var key: Curve25519.Signing.PrivateKey { try! Curve25519.Signing.PrivateKey(rawRepresentation: seed) }

    func signature(for message: Data) throws -> Data { try key.signature(for: message) }

    func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        key.publicKey.isValidSignature(signature, for: message)
    }
}

@Suite("Signed checkpoints catch a rewritten audit chain that a hash chain alone cannot")
struct CheckpointContractTests {
    typealias F = ScanFactory

    /// Edits entry `sequence` and recomputes every hash from it on: a rewrite the chain verifies.
    func rewrite(from sequence: Int, in store: EvidenceStore) async throws {
        var entries = try await store.auditEntries()
        var previous = entries[sequence - 2].hash
        for index in (sequence - 1)..<entries.count {
            let old = entries[index]
            let details = index == sequence - 1 ? #"{"forged":true}"# : old.details
            entries[index] = AuditEntry(
                sequence: old.sequence, at: old.at, actor: old.actor, action: old.action, subject: old.subject,
                details: details, previousHash: previous)
            previous = entries[index].hash
        }
        try await store.database.execute(
            entries[(sequence - 1)...].map {
                SQLStatement(
                    "UPDATE audit_log SET details = ?, previous_hash = ?, hash = ? WHERE seq = ?",
                    [.text($0.details), .text($0.previousHash), .text($0.hash), .int($0.sequence)])
            })
    }

    @Test("every recorded scan signs the chain's head", arguments: TestBackend.allCases)
    func signedAtEveryScan(backend: TestBackend) async throws {
        let clock = TestClock()
        let signer = TestSigner()
        try await backend.withStore(clock: clock, signer: signer) { store in
            try await store.record(F.result(at: clock.now, [.failed(F.high, "/a")]))
            clock.advance(days: 1)
            try await store.record(F.result(at: clock.now, [.passed(F.high, "/a")]))
            let checkpoints = try await store.checkpoints()
            let entries = try await store.auditEntries()
            #expect(checkpoints.map(\.sequence) == [2, 4])
            #expect(checkpoints.last?.hash == entries.last?.hash)
            #expect(
                checkpoints.allSatisfy { signer.isValidSignature(Data(base64Encoded: $0.signature)!, for: $0.message) })
            let verification = try await store.verifyAudit(verifier: signer)
            #expect(verification.isIntact && verification.checkpointsChecked == 2)
        }
    }

    @Test(
        "an edit with every later hash recomputed passes the chain but not the checkpoints, nor a bundle's copy of them",
        arguments: TestBackend.allCases)
    func rewriteDetected(backend: TestBackend) async throws {
        let clock = TestClock()
        let signer = TestSigner()
        try await backend.withStore(clock: clock, signer: signer) { store in
            try await store.record(F.result(at: clock.now, [.failed(F.high, "/a"), .failed(F.low, "/b")]))
            clock.advance(days: 1)
            try await store.record(F.result(at: clock.now, [.passed(F.high, "/a")]))
            let exported = try await store.checkpoints()
            try await rewrite(from: 2, in: store)
            let rewritten = try await store.auditEntries()
            #expect(AuditChain.verify(rewritten).isIntact, "the rewrite fools the chain alone")
            let verification = try await store.verifyAudit(verifier: signer)
            #expect(!verification.isIntact)
            #expect(verification.problems.contains { $0.hasPrefix("entry 3 differs from the checkpoint signed at") })
            // Deleting the store's checkpoints does not help against a copy kept elsewhere.
            try await store.database.execute([SQLStatement("DELETE FROM audit_checkpoints")])
            let alone = try await store.verifyAudit(verifier: signer)
            #expect(alone.isIntact, "with its checkpoints gone, the store alone cannot tell")
            let against = try await store.verifyAudit(verifier: signer, against: exported)
            #expect(!against.isIntact && against.checkpointsChecked == 2)
        }
    }

    @Test("a forged or foreign checkpoint, and entries removed after one, are named", arguments: TestBackend.allCases)
    func forgedCheckpoints(backend: TestBackend) async throws {
        let clock = TestClock()
        let signer = TestSigner()
        try await backend.withStore(clock: clock, signer: signer) { store in
            try await store.record(F.result(at: clock.now, [.failed(F.high, "/a")]))
            let real = try #require(try await store.checkpoints().first)
            let forged = AuditCheckpoint(
                sequence: real.sequence, hash: real.hash, at: real.at.addingTimeInterval(1), keyID: real.keyID,
                signature: real.signature)
            let foreign = try AuditCheckpoint.sign(
                sequence: real.sequence, hash: real.hash, at: real.at, with: TestSigner(keyID: "other-key"))
            let beyond = try AuditCheckpoint.sign(sequence: 9, hash: real.hash, at: real.at, with: signer)
            let problems = try await store.verifyAudit(verifier: signer, against: [forged, foreign, beyond]).problems
            #expect(problems.contains { $0.hasSuffix("has an invalid signature") })
            #expect(problems.contains { $0.contains("is signed by another key") })
            #expect(problems.contains { $0.hasSuffix("covers entry 9: entries were removed") })
        }
    }

    @Test(
        "an export's checkpoint signs the head again; without a key there is none to sign",
        arguments: TestBackend.allCases)
    func exportCheckpoint(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock, signer: TestSigner()) { store in
            try await store.record(F.result(at: clock.now, [.failed(F.high, "/a")]))
            clock.advance(seconds: 5)
            let signed = try #require(try await store.signCheckpoint())
            #expect(signed.sequence == 2 && signed.at == clock.now)
            let all = try await store.checkpoints()
            #expect(all.count == 2)
        }
        try await backend.withStore(clock: clock) { store in
            await #expect(throws: StoreError.self) { try await store.signCheckpoint() }
            let none = try await store.checkpoints()
            #expect(none.isEmpty)
        }
    }
}
