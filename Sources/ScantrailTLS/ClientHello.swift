import Crypto

/// A ClientHello built byte by byte, so that it can offer what no TLS library offers any
/// more: SSLv3, export and NULL suites, DEFLATE compression, the fallback signal.
public struct ClientHello: Sendable {
    /// The version probed: the hello's client_version (TLS 1.3 says 1.2 there and 1.3 in
    /// supported_versions).
    public var version: TLSVersion
    /// Suites offered, at most 128 (larger hellos break servers).
    public var suites: [UInt16]
    /// The host name for SNI; `nil` for address literals.
    public var serverName: String?
    /// Groups offered in supported_groups.
    public var groups: [NamedGroup] = NamedGroup.all
    /// Groups given a key share in a TLS 1.3 hello (others can still be chosen through a
    /// HelloRetryRequest).
    public var keyShareGroups: [NamedGroup] = [NamedGroup.named(0x001D)]
    /// Offer DEFLATE compression as well as none.
    public var offersCompression = false
    /// Add TLS_FALLBACK_SCSV (RFC 7507): the hello claims to be a downgraded retry.
    public var signalsFallback = false

    /// The renegotiation SCSV (RFC 5746), sent in every hello below TLS 1.3.
    static let renegotiationSCSV: UInt16 = 0x00FF
    /// The fallback SCSV (RFC 7507).
    static let fallbackSCSV: UInt16 = 0x5600

    /// Creates a hello for `version` offering `suites`.
    public init(version: TLSVersion, suites: [UInt16], serverName: String?) {
        self.version = version
        self.suites = suites
        self.serverName = serverName
    }

    /// The hello as one TLS record.
    public func bytes() -> [UInt8] {
        var body: [UInt8] = []
        body.append(uint16: min(version, .tls12).rawValue)
        body.append(contentsOf: Self.random(32))
        // TLS 1.3 middlebox compatibility wants a 32-byte legacy session id.
        let sessionID = version == .tls13 ? Self.random(32) : []
        body.append(UInt8(sessionID.count))
        body.append(contentsOf: sessionID)
        var offered = suites
        if version < .tls13 { offered.append(Self.renegotiationSCSV) }
        if signalsFallback { offered.append(Self.fallbackSCSV) }
        body.append(contentsOf: Self.list16(offered))
        let compression: [UInt8] = offersCompression ? [1, 0] : [0]
        body.append(UInt8(compression.count))
        body.append(contentsOf: compression)
        if version > .sslv3 {
            var extensions = extensionBytes()
            // Hello messages of 256 to 511 bytes hang some servers (F5): pad them to 512.
            let length = 4 + body.count + 2 + extensions.count
            if (256...511).contains(length) {
                let padding = max(0, 512 - length - 4)
                extensions.append(extension: 0x0015, [UInt8](repeating: 0, count: padding))
            }
            body.append(uint16: UInt16(extensions.count))
            body.append(contentsOf: extensions)
        }
        var handshake: [UInt8] = [0x01]
        handshake.append(uint24: body.count)
        handshake.append(contentsOf: body)
        var record: [UInt8] = [0x16]
        record.append(uint16: version == .sslv3 ? 0x0300 : 0x0301)
        record.append(uint16: UInt16(handshake.count))
        record.append(contentsOf: handshake)
        return record
    }

    private func extensionBytes() -> [UInt8] {
        var extensions: [UInt8] = []
        if let serverName {
            var list: [UInt8] = [0x00]  // host_name
            list.append(vector16: Array(serverName.utf8))
            extensions.append(extension: 0x0000, [UInt8](vector16: list))
        }
        extensions.append(extension: 0x000A, Self.list16(groups.map(\.code)))
        extensions.append(extension: 0x000B, [1, 0])  // ec_point_formats: uncompressed
        if version >= .tls12 {
            extensions.append(extension: 0x000D, Self.list16(Self.signatureAlgorithms))
        }
        extensions.append(extension: 0x0005, [1, 0, 0, 0, 0])  // status_request (OCSP)
        extensions.append(extension: 0x0017, [])  // extended_master_secret
        extensions.append(extension: 0x0023, [])  // session_ticket
        if version == .tls13 {
            extensions.append(extension: 0x002B, [2, 0x03, 0x04])  // supported_versions: 1.3 only
            extensions.append(extension: 0x002D, [1, 1])  // psk_key_exchange_modes: psk_dhe_ke
            var shares: [UInt8] = []
            for group in keyShareGroups {
                guard let key = Self.keyShare(for: group) else { continue }
                shares.append(uint16: group.code)
                shares.append(vector16: key)
            }
            extensions.append(extension: 0x0033, [UInt8](vector16: shares))
        } else {
            extensions.append(extension: 0xFF01, [0])  // renegotiation_info, initial handshake
        }
        return extensions
    }

    /// A fresh public key for `group`, for the groups swift-crypto implements.
    static func keyShare(for group: NamedGroup) -> [UInt8]? {
        switch group.code {
        case 0x001D: Array(Curve25519.KeyAgreement.PrivateKey().publicKey.rawRepresentation)
        case 0x0017: Array(P256.KeyAgreement.PrivateKey().publicKey.x963Representation)
        case 0x0018: Array(P384.KeyAgreement.PrivateKey().publicKey.x963Representation)
        case 0x0019: Array(P521.KeyAgreement.PrivateKey().publicKey.x963Representation)
        default: nil
        }
    }

    /// Signature schemes, old ones included so that servers with old certificates answer.
    static let signatureAlgorithms: [UInt16] = [
        0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601,
        0x0303, 0x0301, 0x0302, 0x0203, 0x0201, 0x0202, 0x0101, 0x0402, 0x0502, 0x0602,
    ]

    private static func list16(_ values: [UInt16]) -> [UInt8] {
        [UInt8](vector16: values.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
    }

    private static func random(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

extension [UInt8] {
    mutating func append(uint16 value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xFF))
    }

    mutating func append(uint24 value: Int) {
        append(UInt8((value >> 16) & 0xFF))
        append(UInt8((value >> 8) & 0xFF))
        append(UInt8(value & 0xFF))
    }

    /// `bytes` behind their two-byte length.
    init(vector16 bytes: [UInt8]) {
        self.init()
        append(vector16: bytes)
    }

    mutating func append(vector16 bytes: [UInt8]) {
        append(uint16: UInt16(bytes.count))
        append(contentsOf: bytes)
    }

    mutating func append(extension type: UInt16, _ body: [UInt8]) {
        append(uint16: type)
        append(vector16: body)
    }
}
