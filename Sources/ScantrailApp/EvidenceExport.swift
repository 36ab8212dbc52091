import Foundation
import ScantrailCore
import ScantrailReports
import ScantrailStore

/// Exports a target's evidence for a period as a signed bundle an auditor verifies offline.
public enum EvidenceExport {
    /// What went into a bundle.
    public struct Summary: Sendable, Codable {
        /// The bundle written.
        public let path: String
        /// Scans of the target in the period.
        public let scans: Int
        /// Audit entries shipped (the whole chain up to the export's checkpoint).
        public let auditEntries: Int
        /// Files in the bundle, manifest, signature and key aside.
        public let files: Int
        /// The signing key's fingerprint.
        public let keyFingerprint: String
    }

    /// What `manifest.json` says about the bundle.
    struct Manifest: Encodable {
        let target: String
        let period: ReportPeriod
        let exportedAt: Date
        let exportedBy: String
        let scanner: ScannerInfo
        let keyFingerprint: String
        let scans: [ScanRecord]
        /// The audit entries of the period itself, within the shipped chain.
        let periodAuditEntries: ClosedRange<Int>?
    }

    /// Writes the bundle of `target`'s evidence in `period` to `path`: the SOC 2 readiness report
    /// (HTML, Markdown, JSON; scans expected every `cadenceDays`), each scan's JSON report
    /// with its raw evidence and its configuration, each scan's findings CSV, the target's tracked
    /// findings, the audit chain up to a checkpoint signed now (with every checkpoint), the
    /// attestation file when given, a manifest, `SHA256SUMS`, its signature and the public key.
    ///
    /// - Throws: ``AppError`` without a signing key, for a target with no scan in the period, or
    ///   when the store or the file cannot be used.
    public static func export(
        target: String, period: ReportPeriod, attestations: String?, cadenceDays: Int = 7, to path: String,
        settings: StoreSettings
    ) async throws -> Summary {
        guard let key = settings.signingKey else {
            throw AppError.invalid("no signing key: run 'scantrail signing-key init' or set SCANTRAIL_SIGNING_KEY")
        }
        let url = try ScanTarget(parsing: target).url
        let readiness = try await ReadinessAssessment.report(
            target: target, period: period, attestations: attestations, cadenceDays: cadenceDays, settings: settings)
        var files: [EvidenceBundle.File] = try ReadinessFormat.allCases.map { format in
            .init(
                path: "soc2-readiness.\(format == .markdown ? "md" : format.rawValue)",
                data: try format.render(readiness))
        }
        if let attestations {
            guard let data = FileManager.default.contents(atPath: attestations) else {
                throw AppError.invalid("cannot read the attestation file \(attestations)")
            }
            files.append(.init(path: "attestations.yaml", data: data))
        }
        let (scans, entries) = try await settings.withStore { store -> ([ScanRecord], Int) in
            let scans = try await store.scans(target: url).filter { period.contains($0.observedAt) }
            guard !scans.isEmpty else {
                throw AppError.notFound("no scan of \(url) was recorded in the period")
            }
            for scan in scans {
                let result = try await store.result(of: scan)
                let folder = String(format: "scans/%04d-%@", scan.sequence, String(scan.id.prefix(8)))
                let input = ReportInput(
                    result: result, catalogue: .shipped, trail: try await store.judged(by: scan, in: result),
                    policy: settings.configuration.sla)
                files.append(.init(path: "\(folder)/report.json", data: try JSONReportRenderer().render(result)))
                files.append(
                    .init(path: "\(folder)/configuration.json", data: try JSONRendering.render(result.configuration)))
                files.append(.init(path: "\(folder)/findings.csv", data: try ReportRenderer().render(.csv, input)))
            }
            let tracked = try await store.findings(target: url)
            files.append(.init(path: "findings.json", data: try JSONRendering.render(tracked)))
            // Scan result → ticket → evidence of fix: each finding's remediation ticket, by fingerprint.
            files.append(
                .init(path: "tickets.json", data: try JSONRendering.render(try await store.tickets(target: url))))
            _ = try await store.signCheckpoint()
            let audit = try await store.auditEntries()
            files.append(.init(path: "audit/log.json", data: try AuditJSON.encode(audit)))
            files.append(
                .init(path: "audit/checkpoints.json", data: try AuditJSON.encode(try await store.checkpoints())))
            let inPeriod = audit.filter { period.contains($0.at) }.map(\.sequence)
            let manifest = Manifest(
                target: url, period: period, exportedAt: Date(), exportedBy: settings.actor, scanner: .current,
                keyFingerprint: key.keyID, scans: scans,
                periodAuditEntries: inPeriod.first.map { $0...(inPeriod.last ?? $0) })
            files.append(.init(path: "manifest.json", data: try JSONRendering.render(manifest)))
            return (scans, audit.count)
        }
        files.append(.init(path: "VERIFY.txt", data: Data(Self.instructions.utf8)))
        do {
            try EvidenceBundle.write(files, signedWith: key, to: URL(fileURLWithPath: path))
        } catch let error as EvidenceBundle.Failure {
            throw AppError.invalid(error.description)
        }
        return Summary(
            path: path, scans: scans.count, auditEntries: entries, files: files.count, keyFingerprint: key.keyID)
    }

    /// How an auditor checks the bundle with stock tools.
    static let instructions = """
        This bundle was exported by Scantrail. To check it without Scantrail, unzip it and run:

            sha256sum -c SHA256SUMS
            openssl pkeyutl -verify -pubin -inkey scantrail.pub.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig

        The first proves every file is as listed; the second that the list was signed by the key in
        scantrail.pub.pem. Compare that key's fingerprint (sha256 of its DER form:
        openssl pkey -pubin -in scantrail.pub.pem -outform DER | sha256sum) with the one the
        organisation published. With Scantrail: scantrail evidence verify bundle.zip --key KEY.pem

        audit/log.json is the audit chain up to a checkpoint signed at export; audit/checkpoints.json
        holds every signed checkpoint. 'scantrail audit verify --against bundle.zip' checks a store's
        chain against them, so a chain rewritten after the export is detected.

        """
}
