import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOSSL
import ScantrailDemo
import SwiftASN1
import X509
import _CryptoExtras

/// Certificates made on the spot for local servers: a root, intermediates and leaves with any
/// flaw a certificate check must catch (expired, not yet valid, wrong name, small key, SHA-1,
/// self-signed). Nothing here is trusted outside the process that wrote it.
public enum TestPKI {
    /// The key a certificate gets.
    public enum KeyKind: Sendable {
        /// ECDSA P-256.
        case p256
        /// RSA of this many bits (1024 is allowed here, to be caught).
        case rsa(Int)

        func make() throws -> Certificate.PrivateKey {
            switch self {
            case .p256: return Certificate.PrivateKey(P256.Signing.PrivateKey())
            case .rsa(let bits):
                let size = _RSA.Signing.KeySize(bitCount: bits)
                let key =
                    bits < 2048
                    ? try _RSA.Signing.PrivateKey(unsafeKeySize: size) : try _RSA.Signing.PrivateKey(keySize: size)
                return Certificate.PrivateKey(key)
            }
        }
    }

    /// The protocol versions a test server accepts.
    public enum ServerVersions: Sendable {
        /// swift-nio-ssl's default: TLS 1.0 to 1.3.
        case tls10AndUp
        /// TLS 1.2 and 1.3.
        case tls12AndUp
        /// TLS 1.3 only.
        case tls13Only

        var minimum: NIOSSL.TLSVersion {
            switch self {
            case .tls10AndUp: .tlsv1
            case .tls12AndUp: .tlsv12
            case .tls13Only: .tlsv13
            }
        }
    }

    /// A certificate with its private key.
    public struct Issued: Sendable {
        /// The certificate.
        public let certificate: Certificate
        /// Its key.
        public let key: Certificate.PrivateKey

        /// The certificate in PEM.
        public var pem: String { (try? certificate.serializeAsPEM().pemString) ?? "" }

        /// The certificate in DER.
        public var der: [UInt8] {
            var serializer = DER.Serializer()
            try? serializer.serialize(certificate)
            return serializer.serializedBytes
        }

        /// Issues a certificate signed by this one.
        ///
        /// - Parameters:
        ///   - name: the subject's common name.
        ///   - dnsNames: subjectAltName DNS entries.
        ///   - ipAddresses: subjectAltName IPv4 entries (`127.0.0.1`).
        ///   - isAuthority: whether the new certificate may issue others.
        ///   - validity: when it is valid, default from an hour ago for a year.
        ///   - key: the new certificate's key.
        ///   - sha1: sign with SHA-1 (RSA issuers only) instead of SHA-256.
        public func issue(
            name: String, dnsNames: [String] = [], ipAddresses: [String] = [], isAuthority: Bool = false,
            validity: ClosedRange<Date>? = nil, key: KeyKind = .p256, sha1: Bool = false
        ) throws -> Issued {
            try TestPKI.make(
                name: name, dnsNames: dnsNames, ipAddresses: ipAddresses, isAuthority: isAuthority, validity: validity,
                key: key.make(), sha1: sha1, issuer: self)
        }
    }

    /// A self-signed root certificate authority.
    public static func root(name: String = "Scantrail Test Root", key: KeyKind = .p256) throws -> Issued {
        try make(
            name: name, dnsNames: [], ipAddresses: [], isAuthority: true, validity: nil, key: key.make(), sha1: false,
            issuer: nil)
    }

    /// A self-signed leaf, marked as a CA as `openssl req -x509` marks it.
    public static func selfSigned(
        name: String, dnsNames: [String] = [], ipAddresses: [String] = [], key: KeyKind = .p256
    ) throws -> Issued {
        try make(
            name: name, dnsNames: dnsNames, ipAddresses: ipAddresses, isAuthority: true, validity: nil,
            key: key.make(), sha1: false, issuer: nil)
    }

    /// A server configuration presenting `chain` (leaf first) with the leaf's key.
    public static func serverConfiguration(_ chain: [Issued]) throws -> TLSConfiguration {
        let certificates = try chain.map {
            try NIOSSLCertificate(bytes: Array($0.certificate.serializeAsPEM().pemString.utf8), format: .pem)
        }
        let key = try NIOSSLPrivateKey(bytes: Array(chain[0].key.serializeAsPEM().pemString.utf8), format: .pem)
        return TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
    }

    /// A server configuration presenting a fresh self-signed certificate for 127.0.0.1.
    public static func selfSignedServerConfiguration() throws -> TLSConfiguration {
        try serverConfiguration([selfSigned(name: "127.0.0.1", ipAddresses: ["127.0.0.1"])])
    }

    /// Runs `body` with the port of an HTTPS server on 127.0.0.1 that presents `chain` (leaf
    /// first), accepts `versions`, and answers every GET with `{}`, plus
    /// `Strict-Transport-Security: hsts` when given.
    public static func withServer<Result: Sendable>(
        presenting chain: [Issued], versions: ServerVersions = .tls12AndUp, hsts: String? = nil,
        _ body: (Int) async throws -> Result
    ) async throws -> Result {
        var tls = try serverConfiguration(chain)
        tls.minimumTLSVersion = versions.minimum
        let router = Router()
        router.get("/") { _, _ in
            var headers: HTTPFields = [.contentType: "application/json"]
            if let hsts { headers[.strictTransportSecurity] = hsts }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
        }
        return try await LocalHTTPServer.withRunning(router, tls: tls, body)
    }

    /// Writes `certificates` as one PEM bundle in a fresh temporary file and returns its path.
    public static func writeBundle(_ certificates: [Issued]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scantrail-ca-\(UUID()).pem").path
        try certificates.map(\.pem).joined().write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private static func make(
        name: String, dnsNames: [String], ipAddresses: [String], isAuthority: Bool, validity: ClosedRange<Date>?,
        key: Certificate.PrivateKey, sha1: Bool, issuer: Issued?
    ) throws -> Issued {
        let subject = try DistinguishedName { CommonName(name) }
        let signer = issuer?.key ?? key
        let algorithm: Certificate.SignatureAlgorithm =
            switch (signer.supportedSignatureAlgorithms.contains(.sha256WithRSAEncryption), sha1) {
            case (true, true): .sha1WithRSAEncryption
            case (true, false): .sha256WithRSAEncryption
            case (false, _): .ecdsaWithSHA256
            }
        let now = Date()
        let period = validity ?? now.addingTimeInterval(-3600)...now.addingTimeInterval(365 * 86_400)
        let names =
            dnsNames.map { GeneralName.dnsName($0) }
            + ipAddresses.map { address in
                GeneralName.ipAddress(
                    ASN1OctetString(contentBytes: ArraySlice(address.split(separator: ".").compactMap { UInt8($0) })))
            }
        let extensions = try Certificate.Extensions {
            if isAuthority {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
            } else {
                Critical(BasicConstraints.notCertificateAuthority)
            }
            if !names.isEmpty { SubjectAlternativeNames(names) }
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
            notValidBefore: period.lowerBound, notValidAfter: period.upperBound,
            issuer: issuer?.certificate.subject ?? subject, subject: subject, signatureAlgorithm: algorithm,
            extensions: extensions, issuerPrivateKey: signer)
        return Issued(certificate: certificate, key: key)
    }
}
