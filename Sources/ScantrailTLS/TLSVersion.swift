/// A protocol version the prober can offer.
public enum TLSVersion: UInt16, CaseIterable, Codable, Sendable, Comparable, CustomStringConvertible {
    case sslv3 = 0x0300
    case tls10 = 0x0301
    case tls11 = 0x0302
    case tls12 = 0x0303
    case tls13 = 0x0304

    /// The name in reports (`TLS 1.2`).
    public var description: String {
        switch self {
        case .sslv3: "SSLv3"
        case .tls10: "TLS 1.0"
        case .tls11: "TLS 1.1"
        case .tls12: "TLS 1.2"
        case .tls13: "TLS 1.3"
        }
    }

    /// The stable key in JSON and rule ids (`tls12`).
    public var key: String {
        switch self {
        case .sslv3: "sslv3"
        case .tls10: "tls10"
        case .tls11: "tls11"
        case .tls12: "tls12"
        case .tls13: "tls13"
        }
    }

    /// The suites worth offering at this version: TLS 1.3 has its own; SHA-2 and AEAD suites
    /// exist only from TLS 1.2 on.
    public var candidateSuites: [CipherSuite] {
        switch self {
        case .tls13:
            return CipherSuite.all.filter(\.isTLS13)
        case .tls12:
            return CipherSuite.all.filter { !$0.isTLS13 }
        case .sslv3, .tls10, .tls11:
            return CipherSuite.all.filter { !$0.isTLS13 && !$0.isAEAD && !["SHA256", "SHA384"].contains($0.mac) }
        }
    }

    public static func < (lhs: TLSVersion, rhs: TLSVersion) -> Bool { lhs.rawValue < rhs.rawValue }
}
