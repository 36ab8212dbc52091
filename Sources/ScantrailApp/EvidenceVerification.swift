import Foundation
import ScantrailReports
import ScantrailStore

/// Offline checks of what Scantrail exports: a bundle's files and signature, the audit chain
/// it carries against its checkpoints, and a store's chain against a bundle's checkpoints.
public enum EvidenceVerification {
    /// What checking a bundle found.
    public struct Report: Sendable, Codable {
        /// The files against the manifest, and the manifest's signature.
        public let bundle: BundleVerification
        /// The shipped audit chain against the shipped checkpoints (signatures checked with the
        /// same key); `nil` when the bundle has no audit log.
        public let audit: AuditVerification?

        /// Whether everything holds.
        public var isIntact: Bool { bundle.isIntact && (audit?.isIntact ?? true) }
    }

    /// Checks the bundle at `path` with the public key at `keyPath` (else the bundle's own key:
    /// integrity without proof of origin).
    ///
    /// - Throws: ``AppError`` when the bundle or the key cannot be read.
    public static func verify(bundle path: String, keyPath: String?) throws -> Report {
        let key = try keyPath.map(publicKey(at:))
        do {
            let files = try EvidenceBundle.read(URL(fileURLWithPath: path))
            let bundle = EvidenceBundle.verify(files, key: key)
            var audit: AuditVerification?
            if let log = files["audit/log.json"] {
                let entries = try AuditJSON.decode([AuditEntry].self, from: log)
                let checkpoints =
                    try files["audit/checkpoints.json"].map { try AuditJSON.decode([AuditCheckpoint].self, from: $0) }
                    ?? []
                audit = AuditVerification.of(
                    entries, checkpoints: checkpoints, verifier: key ?? EvidenceBundle.bundledKey(files))
            }
            return Report(bundle: bundle, audit: audit)
        } catch let error as EvidenceBundle.Failure {
            throw AppError.invalid(error.description)
        } catch is DecodingError {
            throw AppError.invalid("\(path): the audit files in the bundle do not decode")
        }
    }

    /// The checkpoints in `path`: a bundle (its `audit/checkpoints.json`) or a checkpoints JSON file.
    ///
    /// - Throws: ``AppError`` when neither can be read from it.
    public static func checkpoints(from path: String) throws -> [AuditCheckpoint] {
        let data: Data?
        if path.hasSuffix(".zip") {
            do {
                data = try EvidenceBundle.read(URL(fileURLWithPath: path))["audit/checkpoints.json"]
            } catch let error as EvidenceBundle.Failure {
                throw AppError.invalid(error.description)
            }
        } else {
            data = FileManager.default.contents(atPath: path)
        }
        guard let data, let checkpoints = try? AuditJSON.decode([AuditCheckpoint].self, from: data) else {
            throw AppError.invalid("\(path) holds no audit checkpoints")
        }
        return checkpoints
    }

    /// Reads a `PUBLIC KEY` PEM file.
    ///
    /// - Throws: ``AppError`` when it cannot be read or is not an Ed25519 public key.
    public static func publicKey(at path: String) throws -> VerificationKey {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AppError.invalid("cannot read the public key \(path)")
        }
        do {
            return try VerificationKey(pem: text, source: path)
        } catch {
            throw AppError.invalid(error.description)
        }
    }
}
