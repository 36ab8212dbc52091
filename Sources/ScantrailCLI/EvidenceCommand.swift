import ArgumentParser
import Foundation
import ScantrailApp
import ScantrailReports

/// `scantrail evidence export|verify`.
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Export a target's evidence as a signed bundle, and verify one offline.",
        subcommands: [Export.self, Verify.self]
    )

    /// `scantrail evidence export`.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a zip of a target's scans, findings and audit chain for a period, with SHA256SUMS signed.",
            discussion: """
                An auditor checks it with stock tools: 'sha256sum -c SHA256SUMS' and 'openssl pkeyutl -verify \
                -pubin -inkey scantrail.pub.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig' (VERIFY.txt inside says so).
                """)

        @Option(help: "The target's base URL.")
        var target: String

        @Option(help: ArgumentHelp("First day of the period (2026-01-01 or an ISO 8601 time).", valueName: "date"))
        var from: String

        @Option(help: ArgumentHelp("Last day of the period, included.", valueName: "date"))
        var to: String

        @Option(help: ArgumentHelp("An attestation file (YAML) to ship with the evidence.", valueName: "file"))
        var attestations: String?

        @Option(name: [.short, .long], help: ArgumentHelp("The bundle to write.", valueName: "bundle.zip"))
        var output: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let summary = try await EvidenceExport.export(
                target: target, period: try ReportPeriod(from: from, to: to), attestations: attestations, to: output,
                settings: try store.settings())
            print(
                "Wrote \(summary.path): \(summary.scans) scans, \(summary.auditEntries) audit entries, \(summary.files) files, "
                    + "signed by sha256:\(summary.keyFingerprint)")
        }
    }

    /// `scantrail evidence verify`.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check a bundle offline: every file against SHA256SUMS, its signature, the audit chain inside; exit 1 naming each problem."
        )

        @Argument(help: "The bundle (zip).")
        var bundle: String

        @Option(
            help: ArgumentHelp(
                "The public key to check the signature with (default: the bundle's own).", valueName: "pem"))
        var key: String?

        @OptionGroup var output: TrailFormat

        func run() async throws {
            let report = try EvidenceVerification.verify(bundle: bundle, keyPath: key)
            try output.print(text: { EvidenceText.render(report) }, json: report)
            if !report.isIntact { throw ExitStatus.findings }
        }
    }
}

/// A bundle check, for a terminal.
enum EvidenceText {
    static func render(_ report: EvidenceVerification.Report) -> String {
        let bundle = report.bundle
        var lines = [
            bundle.isIntact
                ? "Bundle intact: \(bundle.filesChecked) files match SHA256SUMS, and its signature verifies."
                : "Bundle NOT intact:"
        ]
        lines += bundle.problems.map { "  \($0)" }
        if let fingerprint = bundle.keyFingerprint {
            lines.append(
                "Key sha256:\(fingerprint)"
                    + (bundle.keyGiven ? " (the one given)" : " (the bundle's own: give --key to check it is yours)"))
        }
        if let audit = report.audit {
            lines.append(
                audit.isIntact
                    ? "Audit chain intact: \(audit.entriesChecked) entries, \(audit.checkpointsChecked) signed checkpoints."
                    : "Audit chain BROKEN:")
            lines += audit.problems.map { "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
