/// A TLS cipher suite: its IANA value and name, and what the name says about its strength.
public struct CipherSuite: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The two-byte value sent in hellos.
    public let code: UInt16
    /// The IANA name (`TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`).
    public let name: String

    /// Creates a suite from its registry entry.
    public init(code: UInt16, name: String) {
        self.code = code
        self.name = name
    }

    public var description: String { name }

    /// Every suite in the IANA registry, in value order.
    public static let all: [CipherSuite] = registry.map { CipherSuite(code: $0.0, name: $0.1) }

    private static let byCode: [UInt16: CipherSuite] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    private static let byName: [String: CipherSuite] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The registered suite with the IANA name `name`.
    public static func withName(_ name: String) -> CipherSuite? { byName[name] }

    /// The registered suite with value `code`, or a placeholder named by its value.
    public static func named(_ code: UInt16) -> CipherSuite {
        byCode[code] ?? CipherSuite(code: code, name: "UNKNOWN_0x" + String(code, radix: 16, uppercase: true))
    }

    /// The TLS 1.3 suites (`TLS_AES_128_GCM_SHA256`…): they name no key exchange.
    public var isTLS13: Bool { (0x1301...0x13FF).contains(code) || code == 0xC0B4 || code == 0xC0B5 }

    /// The key exchange part of the name (`ECDHE_RSA`, `DH_anon`, `RSA_EXPORT`); `TLS13` for
    /// TLS 1.3 suites, which leave it to the key_share extension.
    public var keyExchange: String {
        guard let with = name.range(of: "_WITH_") else { return "TLS13" }
        return String(name[name.index(name.startIndex, offsetBy: 4)..<with.lowerBound])
    }

    /// The bulk cipher part of the name (`AES_128_GCM`, `3DES_EDE_CBC`, `RC4_40`, `NULL`).
    public var cipher: String {
        let afterWith = name.range(of: "_WITH_").map { String(name[$0.upperBound...]) } ?? String(name.dropFirst(4))
        var parts = afterWith.split(separator: "_")
        if let last = parts.last, Self.macNames.contains(String(last)), parts.count > 1 {
            parts.removeLast()
        }
        return parts.joined(separator: "_")
    }

    /// The MAC (or, for AEAD suites, the PRF hash) at the end of the name: `SHA`, `SHA256`,
    /// `MD5`…; empty for CCM suites that name none.
    public var mac: String {
        let last = String(name.split(separator: "_").last ?? "")
        return Self.macNames.contains(last) ? last : ""
    }

    private static let macNames: Set<String> = ["MD5", "SHA", "SHA256", "SHA384", "SHA512", "SM3", "NULL", "IMIT"]

    /// Whether the key exchange is ephemeral (DHE, ECDHE, or TLS 1.3), so recorded traffic
    /// stays safe when the server's key leaks later.
    public var hasForwardSecrecy: Bool {
        if isTLS13 { return true }
        let exchange = keyExchange
        return exchange.hasPrefix("DHE") || exchange.hasPrefix("ECDHE") || exchange == "PSK_DHE"
            || exchange.hasPrefix("ECCPWD")
    }

    /// Whether the server is not authenticated at all (`anon` or `NULL` key exchange).
    public var isAnonymous: Bool { keyExchange.contains("anon") || keyExchange == "NULL" }

    /// Whether it is a 1990s export-grade suite (40- or 56-bit keys, 512-bit key exchange).
    public var isExport: Bool { keyExchange.contains("EXPORT") }

    /// Whether traffic is not encrypted at all.
    public var isNullCipher: Bool { cipher == "NULL" || code == 0xC0B4 || code == 0xC0B5 }

    /// Whether the suite uses RC4.
    public var isRC4: Bool { cipher.hasPrefix("RC4") }

    /// Whether the cipher has a 64-bit block (DES, 3DES, IDEA, RC2): open to Sweet32.
    public var has64BitBlock: Bool {
        ["DES", "3DES", "IDEA", "RC2"].contains { cipher.hasPrefix($0) } || cipher.hasPrefix("DES40")
    }

    /// Whether the cipher is authenticated encryption (GCM, CCM, ChaCha20-Poly1305, AEGIS).
    public var isAEAD: Bool {
        ["GCM", "CCM", "POLY1305", "AEGIS"].contains { cipher.contains($0) }
    }

    /// Symmetric key strength in bits, as the grading rules count it (3DES counts 112).
    public var strengthBits: Int {
        let cipher = cipher
        if isNullCipher { return 0 }
        if cipher.hasPrefix("3DES") { return 112 }
        if cipher.hasPrefix("DES40") || cipher.hasSuffix("_40") || cipher.contains("_40_") { return 40 }
        if cipher.hasPrefix("DES") || cipher.hasSuffix("_56") || cipher.contains("_56_") { return 56 }
        if cipher.hasPrefix("CHACHA20") || cipher.hasPrefix("AEGIS_256") { return 256 }
        if cipher.hasPrefix("IDEA") || cipher.hasPrefix("SEED") || cipher.hasPrefix("SM4")
            || cipher.hasPrefix("AEGIS_128")
        {
            return 128
        }
        for size in [256, 128, 192] where cipher.contains("_\(size)") || cipher.hasSuffix("\(size)") {
            return size
        }
        return 128
    }
}
