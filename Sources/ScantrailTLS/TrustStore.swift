import Foundation
import SwiftASN1
import X509

/// The certificates a chain must lead to: the system's roots, or a PEM bundle the user gives
/// (`--ca-file`).
public struct TrustStore: Sendable {
    /// Where the roots came from, with their count, for the report.
    public let source: String
    /// The roots, parsed.
    let certificates: [Certificate]

    /// Bundles Linux distributions keep their roots in, first match wins.
    static let systemBundles = [
        "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem",
    ]

    /// Reads a PEM bundle. Blocks that are not certificates are skipped.
    ///
    /// - Throws: ``TrustStoreError`` when the file cannot be read or holds no certificate.
    public init(pemFile path: String) throws(TrustStoreError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw TrustStoreError(description: "cannot read the CA bundle \(path)")
        }
        let documents = (try? PEMDocument.parseMultiple(pemString: text)) ?? []
        certificates = documents.compactMap { try? Certificate(pemDocument: $0) }
        guard !certificates.isEmpty else {
            throw TrustStoreError(description: "\(path) holds no PEM certificate")
        }
        source = "\(path) (\(certificates.count) certificates)"
    }

    /// The system's roots.
    ///
    /// - Throws: ``TrustStoreError`` when no system bundle exists.
    public static func system() throws(TrustStoreError) -> TrustStore {
        guard let path = systemBundles.first(where: FileManager.default.isReadableFile(atPath:)) else {
            throw TrustStoreError(description: "no system CA bundle in \(systemBundles.joined(separator: ", "))")
        }
        return try TrustStore(pemFile: path)
    }

    /// Whether a root has `name` (a distinguished name as ``CertificateFacts`` writes it) as its subject.
    func hasRoot(named name: String) -> Bool {
        certificates.contains { $0.subject.description == name }
    }
}

/// Why a trust store could not be loaded.
public struct TrustStoreError: Error, CustomStringConvertible {
    /// What went wrong, naming the file.
    public let description: String
}
