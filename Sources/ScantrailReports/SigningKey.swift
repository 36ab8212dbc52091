import Crypto
import Foundation
import ScantrailStore

/// Why a key could not be read.
public struct SigningKeyError: Error, CustomStringConvertible, Equatable {
    /// What is wrong, naming where the key came from.
    public let description: String
}

/// An installation's Ed25519 signing key: it signs evidence bundles' manifests and the audit
/// chain's checkpoints. Stored as PKCS#8 PEM, the form OpenSSL reads.
public struct SigningKey: Sendable, CheckpointSigner {
    /// The 32-byte seed (swift-crypto's key type is not `Sendable`).
    private let seed: Data

    private var key: Curve25519.Signing.PrivateKey {
        // The seed was checked when the key was made or read.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    /// PKCS#8 `PrivateKeyInfo` for Ed25519 up to the 32-byte seed (RFC 8410).
    private static let pkcs8Prefix: [UInt8] = [
        0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]

    /// A new random key.
    public static func generate() -> SigningKey {
        SigningKey(key: Curve25519.Signing.PrivateKey())
    }

    private init(key: Curve25519.Signing.PrivateKey) {
        self.seed = key.rawRepresentation
    }

    /// Reads a `PRIVATE KEY` PEM (Ed25519, PKCS#8); `source` names it in errors.
    public init(pem: String, source: String) throws(SigningKeyError) {
        guard let der = PEM.decode(pem, label: "PRIVATE KEY"), der.count == 48,
            Array(der.prefix(16)) == Self.pkcs8Prefix,
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: der.suffix(32))
        else {
            throw SigningKeyError(description: "\(source) is not an Ed25519 private key in PKCS#8 PEM")
        }
        self.seed = key.rawRepresentation
    }

    /// The key as PKCS#8 PEM.
    public var pem: String {
        PEM.encode(Self.pkcs8Prefix + Array(key.rawRepresentation), label: "PRIVATE KEY")
    }

    /// The public half.
    public var publicKey: VerificationKey {
        VerificationKey(key: key.publicKey)
    }

    public var keyID: String { publicKey.fingerprint }

    /// An Ed25519 signature over `message` (64 bytes; randomized, so not byte-reproducible).
    public func signature(for message: Data) throws -> Data {
        try key.signature(for: message)
    }
}

/// The public half of a ``SigningKey``: what an auditor verifies bundles and checkpoints with.
public struct VerificationKey: Sendable, Hashable, CheckpointVerifier {
    /// The 32-byte public key.
    private let raw: Data

    private var key: Curve25519.Signing.PublicKey {
        // The bytes were checked when the key was made or read.
        try! Curve25519.Signing.PublicKey(rawRepresentation: raw)
    }

    /// `SubjectPublicKeyInfo` for Ed25519 up to the 32-byte key (RFC 8410).
    private static let spkiPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]

    fileprivate init(key: Curve25519.Signing.PublicKey) {
        self.raw = key.rawRepresentation
    }

    /// Reads a `PUBLIC KEY` PEM (Ed25519); `source` names it in errors.
    public init(pem: String, source: String) throws(SigningKeyError) {
        guard let der = PEM.decode(pem, label: "PUBLIC KEY"), der.count == 44, Array(der.prefix(12)) == Self.spkiPrefix,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: der.suffix(32))
        else {
            throw SigningKeyError(description: "\(source) is not an Ed25519 public key in PEM")
        }
        self.raw = key.rawRepresentation
    }

    private var der: [UInt8] { Self.spkiPrefix + Array(raw) }

    /// The key as `PUBLIC KEY` PEM, as `openssl pkeyutl -pubin -inkey` reads it.
    public var pem: String { PEM.encode(der, label: "PUBLIC KEY") }

    /// SHA-256 of the DER public key, in hex: how the key is named in checkpoints and bundles.
    public var fingerprint: String { SHA256.hash(data: Data(der)).hexString }

    public var keyID: String { fingerprint }

    public func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        key.isValidSignature(signature, for: message)
    }
}

/// PEM armour (RFC 7468): base64 in 64-character lines between labelled boundaries.
enum PEM {
    static func encode(_ der: [UInt8], label: String) -> String {
        let base64 = Data(der).base64EncodedString()
        let lines = stride(from: 0, to: base64.count, by: 64).map { offset in
            let start = base64.index(base64.startIndex, offsetBy: offset)
            return String(
                base64[start..<(base64.index(start, offsetBy: 64, limitedBy: base64.endIndex) ?? base64.endIndex)])
        }
        return (["-----BEGIN \(label)-----"] + lines + ["-----END \(label)-----"]).joined(separator: "\n") + "\n"
    }

    static func decode(_ text: String, label: String) -> [UInt8]? {
        let begin = "-----BEGIN \(label)-----"
        let end = "-----END \(label)-----"
        guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex)
        else { return nil }
        let body = text[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace }
        return Data(base64Encoded: String(body)).map(Array.init)
    }
}
