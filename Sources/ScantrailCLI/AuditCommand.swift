import ArgumentParser
import Foundation
import ScantrailApp
import ScantrailReports
import ScantrailStore

/// `scantrail audit verify|log|prune`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Inspect, verify and prune the hash-chained audit log.",
        subcommands: [Verify.self, Log.self, Prune.self]
    )

    /// `scantrail audit verify`.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check the audit chain and its signed checkpoints; exit 1 and name every edited, deleted, reordered or rewritten entry."
        )

        @Option(
            help: ArgumentHelp(
                "Also check against the checkpoints of a bundle (zip) or a checkpoints JSON file.", valueName: "file"))
        var against: String?

        @Option(
            help: ArgumentHelp(
                "Public key to check the checkpoints' signatures with (default: the installation's key).",
                valueName: "pem"))
        var key: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: TrailFormat

        func run() async throws {
            let settings = try store.settings()
            let external = try against.map(EvidenceVerification.checkpoints(from:)) ?? []
            let verifier = try key.map(EvidenceVerification.publicKey(at:)) ?? settings.signingKey?.publicKey
            let verification = try await settings.withStore {
                try await $0.verifyAudit(verifier: verifier, against: external)
            }
            try output.print(text: { TrailTextRenderer(now: Date()).verification(verification) }, json: verification)
            if !verification.isIntact {
                throw ExitStatus.findings
            }
        }
    }

    /// `scantrail audit log`.
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List audit entries, oldest first.")

        @Option(help: "Only entries about this subject (a fingerprint or scan id).")
        var subject: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: TrailFormat

        func run() async throws {
            let entries = try await store.withStore { try await $0.auditEntries(subject: subject) }
            try output.print(text: { TrailTextRenderer(now: Date()).audit(entries) }, json: entries)
        }
    }

    /// `scantrail audit prune`.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Delete audit entries older than the retention (default 400 days, never under 90); the pruning is itself an entry."
        )

        @Option(help: "Days to keep (default: the config file's retentionDays, else 400).")
        var retentionDays: Int?

        @OptionGroup var store: StoreOptions

        func validate() throws {
            if let retentionDays, retentionDays < EvidenceStore.minimumRetentionDays {
                throw ValidationError("--retention-days must be at least \(EvidenceStore.minimumRetentionDays)")
            }
        }

        func run() async throws {
            let days = try retentionDays ?? store.settings().configuration.retentionDays
            let removed = try await store.withStore { try await $0.pruneAudit(retentionDays: days) }
            print("Removed \(removed) audit entries older than \(days) days.")
        }
    }
}
