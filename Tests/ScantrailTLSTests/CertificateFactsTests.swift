import Foundation
import ScantrailTestSupport
import Testing

@testable import ScantrailTLS

@Suite("Certificate facts are read from DER as served, whatever swift-certificates thinks of them")
struct CertificateFactsTests {
    @Test("names, addresses, validity, key, signature and digest of a leaf")
    func leaf() throws {
        let root = try TestPKI.root(name: "Facts Root")
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let issued = try root.issue(
            name: "api.example.test", dnsNames: ["api.example.test", "*.example.test"],
            ipAddresses: ["127.0.0.1"], validity: now...now.addingTimeInterval(90 * 86_400))
        let facts = try CertificateFacts(der: issued.der)
        #expect(facts.subject.contains("api.example.test") && facts.issuer.contains("Facts Root"))
        #expect(facts.dnsNames == ["api.example.test", "*.example.test"])
        #expect(facts.ipAddresses == ["127.0.0.1"])
        #expect(facts.notBefore == now && facts.notAfter == now.addingTimeInterval(90 * 86_400))
        #expect(facts.keyAlgorithm == "EC" && facts.keyBits == 256 && facts.publicKey == "P256")
        #expect(facts.signatureAlgorithm == "ecdsaWithSHA256")
        #expect(!facts.isSelfIssued && !facts.hasWeakKey && !facts.hasWeakSignature)
        #expect(facts.sha256.count == 64)
    }

    @Test("a root is self-issued; its digest differs from its leaf's")
    func root() throws {
        let root = try TestPKI.root(name: "Facts Root")
        let facts = try CertificateFacts(der: root.der)
        #expect(facts.isSelfIssued && facts.subject == facts.issuer)
        #expect(try CertificateFacts(der: root.issue(name: "leaf").der).sha256 != facts.sha256)
    }

    @Test("RSA keys report their size; under 2048 bits is weak, and SHA-1 signatures are weak")
    func rsa() throws {
        let root = try TestPKI.root(name: "RSA Facts Root", key: .rsa(2048))
        let strong = try CertificateFacts(der: root.der)
        #expect(strong.keyAlgorithm == "RSA" && strong.keyBits == 2048 && !strong.hasWeakKey)
        #expect(strong.signatureAlgorithm == "sha256WithRSAEncryption")
        let weak = try CertificateFacts(der: root.issue(name: "old", key: .rsa(1024), sha1: true).der)
        #expect(weak.keyBits == 1024 && weak.hasWeakKey && weak.hasWeakSignature)
    }

    @Test("bytes that are not a certificate are refused, not half-read")
    func garbage() {
        #expect(throws: (any Error).self) { try CertificateFacts(der: [0x30, 0x82, 0x01]) }
        #expect(throws: (any Error).self) { try CertificateFacts(der: Array("-----BEGIN CERTIFICATE-----".utf8)) }
    }

    @Test("addresses read from the certificate print as NIO prints them")
    func addresses() {
        #expect(CertificateFacts.address([127, 0, 0, 1]) == "127.0.0.1")
        #expect(CertificateFacts.address([UInt8](repeating: 0, count: 15) + [1]) == "::1")
        #expect(CertificateFacts.address([1, 2, 3]) == nil)
    }
}
