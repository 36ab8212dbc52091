import Foundation
import Testing

@testable import ScantrailStore

@Suite("The audit chain, built and verified without a database")
struct AuditChainTests {
    static let at = Date(timeIntervalSince1970: 1_790_000_000)

    /// A chain of `count` entries from the genesis hash.
    func chain(_ count: Int, actor: String = "ci@runner") throws -> [AuditEntry] {
        var chain = AuditChain(afterSequence: 0, hash: AuditEntry.genesis, at: Self.at, actor: actor)
        for index in 1...count {
            try chain.append("finding.opened", subject: "fingerprint-\(index)", details: ["rule": "headers.csp"])
        }
        return chain.entries
    }

    /// `entry` with `action` changed but its stored hash kept: an edit made behind the log's back.
    func edited(_ entry: AuditEntry, action: String) -> AuditEntry {
        AuditEntry(
            sequence: entry.sequence, at: entry.at, actor: entry.actor, action: action, subject: entry.subject,
            details: entry.details, previousHash: entry.previousHash, hash: entry.hash)
    }

    @Test("entries are numbered from the head and each carries the hash of the one before")
    func chained() throws {
        let entries = try chain(3)
        #expect(entries.map(\.sequence) == [1, 2, 3])
        #expect(entries[0].previousHash == AuditEntry.genesis)
        #expect(entries[1].previousHash == entries[0].hash && entries[2].previousHash == entries[1].hash)
        #expect(entries.allSatisfy { $0.hash.count == 64 && $0.hash == $0.expectedHash })
        #expect(entries[0].details == #"{"rule":"headers.csp"}"#)
        let verification = AuditChain.verify(entries)
        #expect(verification.isIntact && verification.entriesChecked == 3)
    }

    @Test("appending continues after an existing head")
    func continuesAfterHead() throws {
        let first = try chain(2)
        var more = AuditChain(afterSequence: 2, hash: first[1].hash, at: Self.at, actor: "ci@runner")
        try more.append("scan.recorded", subject: "scan-1", details: ["outcomes": 4])
        #expect(more.entries.map(\.sequence) == [3])
        #expect(AuditChain.verify(first + more.entries).isIntact)
    }

    @Test("an edited entry is named, and so is nothing else")
    func edit() throws {
        var entries = try chain(3)
        entries[1] = edited(entries[1], action: "finding.accepted")
        #expect(
            AuditChain.verify(entries).problems == [
                "entry 2 was edited: its content no longer matches its hash"
            ])
    }

    @Test("a deleted entry or a deleted run of entries is named by its sequence numbers")
    func deletion() throws {
        let entries = try chain(5)
        #expect(
            AuditChain.verify([entries[0], entries[2], entries[3], entries[4]]).problems == [
                "entry 2 was deleted: entry 3 does not follow entry 1"
            ])
        #expect(
            AuditChain.verify([entries[0], entries[4]]).problems == [
                "entries 2-4 were deleted: entry 5 does not follow entry 1"
            ])
    }

    @Test("deleting the start of the log is found unless a pruning entry accounts for it")
    func start() throws {
        let entries = try chain(3)
        #expect(
            AuditChain.verify(Array(entries.dropFirst())).problems == [
                "entries 1-1 are missing and no pruning entry accounts for them"
            ])
        var pruning = AuditChain(afterSequence: 3, hash: entries[2].hash, at: Self.at, actor: "retention")
        try pruning.append(
            "audit.pruned", subject: "audit",
            details: AuditChain.PruneDetails(
                throughSequence: 1, anchorHash: entries[0].hash, removed: 1, retentionDays: 400))
        #expect(AuditChain.verify(Array(entries.dropFirst()) + pruning.entries).isIntact)
    }

    @Test("a first entry that does not start from the genesis hash is named")
    func forgedStart() throws {
        let forged = AuditEntry(
            sequence: 1, at: Self.at, actor: "ci", action: "scan.recorded", subject: "s", details: "{}",
            previousHash: String(repeating: "f", count: 64))
        #expect(AuditChain.verify([forged]).problems == ["entry 1 does not start the chain"])
    }

    @Test("two swapped entries are reported as out of order")
    func reorder() throws {
        let entries = try chain(4)
        let problems = AuditChain.verify([entries[0], entries[2], entries[1], entries[3]]).problems
        #expect(problems.contains("entry 3 is out of order: it was chained after entry 2"))
        #expect(!problems.contains { $0.contains("edited") })
    }

    @Test("a newline in a free-text field cannot make two different entries hash alike")
    func fieldsCannotBleed() {
        let one = AuditEntry(
            sequence: 1, at: Self.at, actor: "alice\nfinding.opened", action: "x", subject: "s", details: "{}",
            previousHash: AuditEntry.genesis)
        let other = AuditEntry(
            sequence: 1, at: Self.at, actor: "alice", action: "finding.opened\nx", subject: "s", details: "{}",
            previousHash: AuditEntry.genesis)
        #expect(one.hash != other.hash)
    }

    @Test("the sequence number is not hashed: order is proven by the chain, not by the numbers")
    func sequenceNotHashed() {
        let entry = { (sequence: Int) in
            AuditEntry(
                sequence: sequence, at: Self.at, actor: "a", action: "b", subject: "c", details: "{}",
                previousHash: AuditEntry.genesis)
        }
        #expect(entry(1).hash == entry(7).hash)
    }

    @Test("canonical JSON sorts keys and leaves slashes alone, so one value always gives one text")
    func canonicalJSON() throws {
        #expect(try CanonicalJSON.string(["b": "https://x/y", "a": "1"]) == #"{"a":"1","b":"https://x/y"}"#)
        #expect(
            CanonicalJSON.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
