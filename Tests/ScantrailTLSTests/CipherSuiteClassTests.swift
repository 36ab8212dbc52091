import Testing

@testable import ScantrailTLS

@Suite("Each weak suite class is recognised from the IANA name, and strong suites are in none")
struct CipherSuiteClassTests {
    /// The classes a suite falls in.
    static func classes(_ name: String) throws -> Set<String> {
        let suite = try #require(CipherSuite.withName(name), "\(name) is not in the registry")
        var classes: Set<String> = []
        if suite.isAnonymous { classes.insert("anonymous") }
        if suite.isExport { classes.insert("export") }
        if suite.isNullCipher { classes.insert("null") }
        if suite.isRC4 { classes.insert("rc4") }
        if suite.has64BitBlock { classes.insert("64-bit block") }
        if !suite.hasForwardSecrecy { classes.insert("no forward secrecy") }
        if !suite.isAEAD { classes.insert("not AEAD") }
        return classes
    }

    @Test(
        "suite classes",
        arguments: [
            ("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", [String]()),
            ("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", []),
            ("TLS_AES_256_GCM_SHA384", []),
            ("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", []),
            ("TLS_RSA_WITH_AES_128_GCM_SHA256", ["no forward secrecy"]),
            ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", ["not AEAD"]),
            ("TLS_RSA_WITH_3DES_EDE_CBC_SHA", ["64-bit block", "no forward secrecy", "not AEAD"]),
            ("TLS_ECDHE_RSA_WITH_RC4_128_SHA", ["rc4", "not AEAD"]),
            ("TLS_RSA_EXPORT_WITH_RC4_40_MD5", ["export", "rc4", "no forward secrecy", "not AEAD"]),
            ("TLS_DH_anon_WITH_AES_128_CBC_SHA", ["anonymous", "no forward secrecy", "not AEAD"]),
            ("TLS_RSA_WITH_NULL_SHA256", ["null", "no forward secrecy", "not AEAD"]),
        ] as [(String, [String])])
    func classification(name: String, expected: [String]) throws {
        #expect(try Self.classes(name) == Set(expected))
    }

    @Test("key exchange, cipher and MAC are read from the name; TLS 1.3 suites name no key exchange")
    func parts() throws {
        let suite = try #require(CipherSuite.withName("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"))
        #expect(suite.keyExchange == "ECDHE_RSA" && suite.cipher.hasPrefix("AES_256") && suite.mac == "SHA384")
        let modern = try #require(CipherSuite.withName("TLS_CHACHA20_POLY1305_SHA256"))
        #expect(modern.isTLS13 && modern.isAEAD && modern.hasForwardSecrecy)
        #expect(CipherSuite.named(0xFFFE).name == "UNKNOWN_0xFFFE")
        #expect(CipherSuite.withName("TLS_NOT_A_SUITE") == nil)
    }

    @Test("every version offers only suites it can negotiate")
    func candidates() {
        #expect(TLSVersion.tls13.candidateSuites.allSatisfy { $0.isTLS13 })
        #expect(TLSVersion.tls12.candidateSuites.allSatisfy { !$0.isTLS13 })
        #expect(!TLSVersion.tls10.candidateSuites.contains { $0.name.hasSuffix("GCM_SHA256") })
    }
}
