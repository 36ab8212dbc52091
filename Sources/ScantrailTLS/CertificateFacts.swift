import Crypto
import Foundation
import NIOCore
import SwiftASN1
import X509

/// What a served certificate says about itself: the facts the certificate rules judge (expiry,
/// names, key, signature, self-issued).
///
/// Read field by field with swift-asn1 rather than through swift-certificates' `Certificate`,
/// which refuses RSA keys under 2048 bits: a 1024-bit key must be reported, not make the
/// certificate unreadable.
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
    /// The key's family: `RSA`, `EC`, `EdDSA`, `DSA`, or the algorithm's OID when unknown.
    public let keyAlgorithm: String
    /// The key's size in bits (the modulus for RSA and DSA, the curve for EC).
    public let keyBits: Int
    /// Signature algorithm (`sha256WithRSAEncryption`, `ecdsaWithSHA384`…), or its OID when unknown.
    public let signatureAlgorithm: String
    /// Whether subject and issuer are the same name (self-signed, or a root).
    public let isSelfIssued: Bool
    /// SHA-256 of the DER encoding, in hex.
    public let sha256: String

    /// Reads a DER-encoded certificate.
    ///
    /// - Throws: an error naming why the bytes are not an X.509 certificate.
    public init(der: [UInt8]) throws {
        let root = try DER.parse(der)
        let outer = try Self.children(of: root)
        guard outer.count == 3 else { throw ASN1Error.invalidASN1Object(reason: "a certificate has three parts") }
        var fields = try Self.children(of: outer[0])[...]
        if fields.first?.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
            fields = fields.dropFirst()  // version
        }
        // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, then optional fields.
        guard fields.count >= 6 else { throw ASN1Error.invalidASN1Object(reason: "the certificate body is short") }
        let body = Array(fields)
        let issuerName = try DistinguishedName(derEncoded: body[2])
        let subjectName = try DistinguishedName(derEncoded: body[4])
        let validity = try Self.children(of: body[3])
        guard validity.count == 2 else { throw ASN1Error.invalidASN1Object(reason: "validity has two times") }
        subject = subjectName.description
        issuer = issuerName.description
        isSelfIssued = subjectName == issuerName
        notBefore = try Self.date(validity[0])
        notAfter = try Self.date(validity[1])
        let key = try Self.key(body[5])
        (keyAlgorithm, keyBits, publicKey) = (key.algorithm, key.bits, key.description)
        let names = try Self.subjectAlternativeNames(Array(body.dropFirst(6)))
        dnsNames = names.compactMap { if case .dnsName(let name) = $0 { name } else { nil } }
        ipAddresses = names.compactMap {
            if case .ipAddress(let bytes) = $0 { Self.address(Array(bytes.bytes)) } else { nil }
        }
        signatureAlgorithm = try Self.signatureName(outer[1])
        sha256 = SHA256.hash(data: der).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether the signature uses a hash with practical collisions (MD2, MD5, SHA-1).
    public var hasWeakSignature: Bool {
        let name = signatureAlgorithm.lowercased()
        return ["md2", "md5", "sha1"].contains { name.contains($0) }
    }

    /// Whether the key is below today's floor: RSA or DSA under 2048 bits, EC under 256.
    public var hasWeakKey: Bool {
        switch keyAlgorithm {
        case "RSA", "DSA": keyBits < 2048
        case "EC": keyBits < 256
        default: false
        }
    }

    // MARK: Parsing

    private static func children(of node: ASN1Node) throws -> [ASN1Node] {
        guard case .constructed(let nodes) = node.content else {
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
        return Array(nodes)
    }

    private static func date(_ node: ASN1Node) throws -> Date {
        let parts: [Int]
        if node.identifier == .utcTime {
            let time = try UTCTime(derEncoded: node)
            parts = [time.year, time.month, time.day, time.hours, time.minutes, time.seconds]
        } else {
            let time = try GeneralizedTime(derEncoded: node)
            parts = [time.year, time.month, time.day, time.hours, time.minutes, time.seconds]
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(
            year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4], second: parts[5])
        guard let date = calendar.date(from: components) else {
            throw ASN1Error.invalidASN1Object(reason: "a validity time is not a date")
        }
        return date
    }

    /// The SAN entries, from the `[3]` extensions field if present.
    private static func subjectAlternativeNames(_ optionalFields: [ASN1Node]) throws -> [GeneralName] {
        let tag = ASN1Identifier(tagWithNumber: 3, tagClass: .contextSpecific)
        guard let field = optionalFields.first(where: { $0.identifier == tag }),
            let sequence = try children(of: field).first
        else { return [] }
        let extensions = try Certificate.Extensions(
            children(of: sequence).map { try Certificate.Extension(derEncoded: $0) })
        return (try extensions.subjectAlternativeNames).map(Array.init) ?? []
    }

    private static func key(_ node: ASN1Node) throws -> (algorithm: String, bits: Int, description: String) {
        let parts = try children(of: node)
        guard parts.count == 2, let algorithm = try children(of: parts[0]).first else {
            throw ASN1Error.invalidASN1Object(reason: "subjectPublicKeyInfo has an algorithm and a key")
        }
        let oid = try ASN1ObjectIdentifier(derEncoded: algorithm)
        let parameters = try children(of: parts[0]).dropFirst().first
        let key = try ASN1BitString(derEncoded: parts[1])
        switch oid.description {
        case "1.2.840.113549.1.1.1", "1.2.840.113549.1.1.10":
            let bits = try firstIntegerBits(Array(key.bytes))
            return ("RSA", bits, "RSA\(bits)")
        case "1.2.840.10040.4.1":
            let bits = try parameters.map { try firstIntegerBits(Array($0.encodedBytes)) } ?? 0
            return ("DSA", bits, "DSA\(bits)")
        case "1.2.840.10045.2.1":
            let curve = try parameters.map { try ASN1ObjectIdentifier(derEncoded: $0).description } ?? ""
            let (bits, name) = namedCurves[curve] ?? (0, "EC \(curve)")
            return ("EC", bits, name)
        case "1.3.101.112": return ("EdDSA", 256, "Ed25519")
        case "1.3.101.113": return ("EdDSA", 456, "Ed448")
        default: return (oid.description, 0, oid.description)
        }
    }

    private static let namedCurves: [String: (Int, String)] = [
        "1.2.840.10045.3.1.7": (256, "P256"), "1.3.132.0.34": (384, "P384"), "1.3.132.0.35": (521, "P521"),
        "1.3.132.0.10": (256, "secp256k1"), "1.2.840.10045.3.1.1": (192, "P192"), "1.3.132.0.33": (224, "P224"),
    ]

    /// The bit length of the first INTEGER in a DER SEQUENCE (an RSA modulus, a DSA prime).
    private static func firstIntegerBits(_ der: [UInt8]) throws -> Int {
        guard let first = try children(of: DER.parse(der)).first, case .primitive(let bytes) = first.content else {
            throw ASN1Error.invalidASN1Object(reason: "the key holds no integer")
        }
        let magnitude = bytes.drop { $0 == 0 }
        guard let top = magnitude.first else { return 0 }
        return (magnitude.count - 1) * 8 + (8 - top.leadingZeroBitCount)
    }

    private static func signatureName(_ node: ASN1Node) throws -> String {
        guard let algorithm = try children(of: node).first else {
            throw ASN1Error.invalidASN1Object(reason: "the signature algorithm is empty")
        }
        let oid = try ASN1ObjectIdentifier(derEncoded: algorithm).description
        return signatureNames[oid] ?? oid
    }

    private static let signatureNames: [String: String] = [
        "1.2.840.113549.1.1.2": "md2WithRSAEncryption", "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5": "sha1WithRSAEncryption", "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12": "sha384WithRSAEncryption", "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.10": "rsassaPss", "1.2.840.10045.4.1": "ecdsaWithSHA1",
        "1.2.840.10045.4.3.2": "ecdsaWithSHA256", "1.2.840.10045.4.3.3": "ecdsaWithSHA384",
        "1.2.840.10045.4.3.4": "ecdsaWithSHA512", "1.2.840.10040.4.3": "dsaWithSHA1", "1.3.101.112": "ed25519",
        "1.3.101.113": "ed448",
    ]

    /// An address as text the way NIO writes it (`127.0.0.1`, `::1`), so names the user typed compare equal.
    static func address(_ bytes: [UInt8]) -> String? {
        (try? SocketAddress(packedIPAddress: ByteBuffer(bytes: bytes), port: 0))?.ipAddress
    }
}
