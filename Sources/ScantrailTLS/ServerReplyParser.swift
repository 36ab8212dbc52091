/// Reads a server's reply to a ClientHello, as a pure state machine over the bytes received:
/// records in any fragmentation, handshake messages split across records or bundled in one,
/// alerts. No I/O here; the driver feeds it what the socket delivers.
public struct ServerReplyParser: Sendable {
    /// Whether to read past the ServerHello to the end of a TLS ≤ 1.2 first flight
    /// (certificates, key exchange parameters, OCSP staple).
    public let readsWholeFlight: Bool
    private var received: [UInt8] = []
    private var handshake: [UInt8] = []
    private var hello: ServerHello?

    /// The random of a HelloRetryRequest (RFC 8446, section 4.1.3).
    static let helloRetryRandom: [UInt8] = [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ]

    /// The largest record a server may send (2^14 plus expansion).
    static let maxRecordLength = 18_432

    /// Creates a parser.
    public init(readsWholeFlight: Bool = false) {
        self.readsWholeFlight = readsWholeFlight
    }

    /// Takes more bytes from the server; returns the outcome once there is one.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> HelloOutcome? {
        received.append(contentsOf: bytes)
        while received.count >= 5 {
            let type = received[0]
            let length = Int(received[3]) << 8 | Int(received[4])
            guard (20...23).contains(type), received[1] == 3, length <= Self.maxRecordLength else {
                return received[0] & 0x80 != 0
                    ? .inconclusive("the server answered in SSLv2") : .notTLS(Self.opening(of: received))
            }
            guard received.count >= 5 + length else { return nil }
            let fragment = Array(received[5..<(5 + length)])
            received.removeFirst(5 + length)
            if let outcome = take(type: type, fragment) { return outcome }
        }
        return nil
    }

    /// The server closed the connection; the outcome if the bytes so far decide one.
    public func finish() -> HelloOutcome {
        if let hello { return .accepted(hello) }
        return .inconclusive(
            received.isEmpty && handshake.isEmpty
                ? "the server closed the connection without answering" : "the server closed the connection mid-reply")
    }

    /// How a reply that is not TLS begins, for evidence: its first line when it is text
    /// ("HTTP/1.1 400 Bad Request", an SSH banner), else its first bytes in hex.
    static func opening(of reply: [UInt8]) -> String {
        let line = reply.prefix { $0 != 0x0D && $0 != 0x0A }.prefix(48)
        if line.count >= 4, line.allSatisfy({ (0x20...0x7E).contains($0) }) {
            return "the reply is not TLS: it begins \"\(String(decoding: line, as: UTF8.self))\""
        }
        let hex = reply.prefix(8).map { ($0 < 0x10 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
        return "the reply is not TLS: it begins with bytes \(hex)"
    }

    private mutating func take(type: UInt8, _ fragment: [UInt8]) -> HelloOutcome? {
        switch type {
        case 21:
            guard fragment.count >= 2 else { return .inconclusive("a truncated alert") }
            if let hello { return .accepted(hello) }
            let alert = TLSAlert(code: fragment[1])
            return alert.blamesOurHello
                ? .inconclusive("the server says our hello was malformed (\(alert.name)); this is a Scantrail bug")
                : .rejected(alert)
        case 22:
            handshake.append(contentsOf: fragment)
            return readHandshakeMessages()
        case 20:
            return nil  // ChangeCipherSpec (TLS 1.3 middlebox compatibility)
        default:
            if let hello { return .accepted(hello) }
            return .inconclusive("application data before any handshake")
        }
    }

    private mutating func readHandshakeMessages() -> HelloOutcome? {
        while handshake.count >= 4 {
            let length = Int(handshake[1]) << 16 | Int(handshake[2]) << 8 | Int(handshake[3])
            guard handshake.count >= 4 + length else { return nil }
            let type = handshake[0]
            var body = ByteReader(Array(handshake[4..<(4 + length)]))
            handshake.removeFirst(4 + length)
            switch type {
            case 2:
                guard hello == nil, let parsed = Self.parseServerHello(&body) else {
                    return .inconclusive("a malformed ServerHello")
                }
                hello = parsed
                if !readsWholeFlight || parsed.version >= TLSVersion.tls13.rawValue || parsed.isHelloRetryRequest {
                    return .accepted(parsed)
                }
            case 11:
                hello?.certificates = Self.parseCertificates(&body)
            case 12:
                if let suite = hello?.suite {
                    hello?.keyExchange = Self.parseKeyExchange(&body, suite: CipherSuite.named(suite))
                }
            case 22:
                hello?.staplesOCSP = true
            case 14:
                guard let hello else { return .inconclusive("ServerHelloDone without a ServerHello") }
                return .accepted(hello)
            default:
                guard hello != nil else { return .inconclusive("handshake message \(type) before the ServerHello") }
            }
        }
        return nil
    }

    static func parseServerHello(_ body: inout ByteReader) -> ServerHello? {
        guard let legacyVersion = body.uint16(), let random = body.bytes(32), let sessionLength = body.uint8(),
            body.bytes(Int(sessionLength)) != nil, let suite = body.uint16(), let compression = body.uint8()
        else { return nil }
        var version = legacyVersion
        var group: UInt16?
        var types: Set<UInt16> = []
        let isRetry = random == helloRetryRandom
        if let extensionsLength = body.uint16(), var extensions = body.reader(Int(extensionsLength)) {
            while let type = extensions.uint16(), let length = extensions.uint16(),
                var data = extensions.reader(Int(length))
            {
                types.insert(type)
                switch type {
                case 0x002B: version = data.uint16() ?? version
                case 0x0033: group = data.uint16()
                default: break
                }
            }
        }
        return ServerHello(
            version: version, suite: suite, compression: compression, isHelloRetryRequest: isRetry,
            keyShareGroup: group, extensions: types)
    }

    static func parseCertificates(_ body: inout ByteReader) -> [[UInt8]] {
        guard let total = body.uint24(), var list = body.reader(total) else { return [] }
        var certificates: [[UInt8]] = []
        while let length = list.uint24(), let der = list.bytes(length) {
            certificates.append(der)
        }
        return certificates
    }

    static func parseKeyExchange(_ body: inout ByteReader, suite: CipherSuite) -> KeyExchangeParameters? {
        let exchange = suite.keyExchange
        if exchange.hasPrefix("ECDHE") || exchange.hasPrefix("ECDH_anon") {
            guard body.uint8() == 3, let group = body.uint16() else { return nil }
            return .namedGroup(group)
        }
        if exchange.hasPrefix("DHE") || exchange.hasPrefix("DH_anon") || exchange == "PSK_DHE" {
            guard let length = body.uint16(), let prime = body.bytes(Int(length)) else { return nil }
            let significant = prime.drop { $0 == 0 }
            let leading = significant.first.map { $0.leadingZeroBitCount } ?? 0
            return .finiteField(bits: significant.count * 8 - leading)
        }
        return nil
    }
}

/// Reads big-endian fields off a byte array; every read fails softly on short input.
struct ByteReader: Sendable {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func uint8() -> UInt8? { bytes(1)?.first }

    mutating func uint16() -> UInt16? { bytes(2).map { UInt16($0[0]) << 8 | UInt16($0[1]) } }

    mutating func uint24() -> Int? { bytes(3).map { Int($0[0]) << 16 | Int($0[1]) << 8 | Int($0[2]) } }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, offset + count <= bytes.count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func reader(_ count: Int) -> ByteReader? { bytes(count).map(ByteReader.init) }
}
