import Foundation
import X509

/// What a served certificate says about itself, read with swift-certificates: the facts the
/// certificate rules will judge (expiry, names, key, signature, self-issued).
public struct CertificateFacts: Codable, Sendable, Equatable {
    /// The subject, as a distinguished name (`CN=api.example.com,O=…`).
    public let subject: String
    /// The issuer's distinguished name.
    public let issuer: String
    /// Start of validity.
    public let notBefore: Date
    /// End of validity.
    public let notAfter: Date
    /// DNS names in subjectAltName.
    public let dnsNames: [String]
    /// IP addresses in subjectAltName.
    public let ipAddresses: [String]
    /// Key type and size (`RSA2048`, `P256`, `Ed25519`).
    public let publicKey: String
    /// Signature algorithm (`sha256WithRSAEncryption`, `ecdsaWithSHA384`…).
    public let signatureAlgorithm: String
    /// Whether subject and issuer are the same name (self-signed, or a root).
    public let isSelfIssued: Bool

    /// Reads a DER-encoded certificate.
    ///
    /// - Throws: an error naming why the bytes are not a certificate swift-certificates accepts.
    public init(der: [UInt8]) throws {
        let certificate = try Certificate(derEncoded: der)
        subject = certificate.subject.description
        issuer = certificate.issuer.description
        notBefore = certificate.notValidBefore
        notAfter = certificate.notValidAfter
        let names = (try? certificate.extensions.subjectAlternativeNames).flatMap { $0 } ?? SubjectAlternativeNames([])
        dnsNames = names.compactMap { if case .dnsName(let name) = $0 { name } else { nil } }
        ipAddresses = names.compactMap {
            if case .ipAddress(let bytes) = $0 { Self.address(Array(bytes.bytes)) } else { nil }
        }
        publicKey = certificate.publicKey.description.replacingOccurrences(of: ".PublicKey", with: "")
        signatureAlgorithm = certificate.signatureAlgorithm.description.replacingOccurrences(
            of: "SignatureAlgorithm.", with: "")
        isSelfIssued = certificate.subject == certificate.issuer
    }

    /// Dotted IPv4 or colon-separated IPv6 text for the bytes of an address.
    private static func address(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: bytes.count, by: 2).map {
            String(UInt16(bytes[$0]) << 8 | UInt16(bytes[min($0 + 1, bytes.count - 1)]), radix: 16)
        }.joined(separator: ":")
    }
}
