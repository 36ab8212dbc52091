/// SSL 2.0 (RFC 6176 prohibits it): its own hello format, a CLIENT-HELLO offering every SSLv2
/// cipher kind, and a parser for the SERVER-HELLO, which lists all the kinds the server
/// shares in one reply — no elimination needed.
enum SSLv2Probe {
    /// The seven SSLv2 cipher kinds, by their three-byte codes.
    static let cipherKinds: [(code: UInt32, name: String)] = [
        (0x01_0080, "SSL_CK_RC4_128_WITH_MD5"), (0x02_0080, "SSL_CK_RC4_128_EXPORT40_WITH_MD5"),
        (0x03_0080, "SSL_CK_RC2_128_CBC_WITH_MD5"), (0x04_0080, "SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5"),
        (0x05_0080, "SSL_CK_IDEA_128_CBC_WITH_MD5"), (0x06_0040, "SSL_CK_DES_64_CBC_WITH_MD5"),
        (0x07_00C0, "SSL_CK_DES_192_EDE3_CBC_WITH_MD5"),
    ]

    /// A CLIENT-HELLO: two-byte header, message type 1, version 0x0002, every cipher kind, no
    /// session id, a 16-byte challenge.
    static func clientHello() -> [UInt8] {
        let specs = cipherKinds.flatMap { [UInt8($0.code >> 16), UInt8($0.code >> 8 & 0xFF), UInt8($0.code & 0xFF)] }
        var body: [UInt8] = [1, 0x00, 0x02]
        body += [UInt8(specs.count >> 8), UInt8(specs.count & 0xFF), 0, 0, 0, 16]
        body += specs + (0..<16).map { UInt8(0x53 ^ $0) }
        return [0x80 | UInt8(body.count >> 8), UInt8(body.count & 0xFF)] + body
    }

    /// How a server answered.
    enum Outcome: Hashable, Sendable, InconclusiveOutcome {
        /// A SERVER-HELLO naming these cipher kinds.
        case accepted([String])
        /// A TLS answer, or the connection closed without an SSLv2 one.
        case rejected(String)
        /// No verdict.
        case inconclusive(String)
    }

    /// Reads the reply to ``clientHello()``.
    struct Parser: ReplyParsing {
        private var received: [UInt8] = []

        mutating func feed(_ bytes: some Sequence<UInt8>) -> Outcome? {
            received += bytes
            guard let first = received.first else { return nil }
            if first == 0x15 || first == 0x16 {
                return .rejected("the server answered in TLS records")
            }
            guard first & 0x80 != 0 else { return .inconclusive("the reply is not TLS") }
            guard received.count >= 2 else { return nil }
            let length = Int(first & 0x7F) << 8 | Int(received[1])
            guard received.count >= 2 + length else { return nil }
            return Self.serverHello(Array(received[2..<(2 + length)]))
        }

        func finish() -> Outcome {
            received.isEmpty
                ? .rejected("the connection closed without an SSLv2 answer")
                : .inconclusive("the SSLv2 reply was cut off")
        }

        /// SERVER-HELLO: type 4, session-id-hit, certificate type, version, certificate length,
        /// cipher-specs length, connection-id length, then the certificate and the specs.
        private static func serverHello(_ message: [UInt8]) -> Outcome {
            guard message.count >= 11, message[0] == 4 else {
                return message.first == 0
                    ? .rejected("the server answered with an SSLv2 error")
                    : .inconclusive("the reply is not an SSLv2 SERVER-HELLO")
            }
            let certificateLength = Int(message[5]) << 8 | Int(message[6])
            let specsLength = Int(message[7]) << 8 | Int(message[8])
            let start = 11 + certificateLength
            guard message.count >= start + specsLength, specsLength % 3 == 0 else {
                return .inconclusive("the SSLv2 SERVER-HELLO is malformed")
            }
            let specs = stride(from: start, to: start + specsLength, by: 3).map {
                UInt32(message[$0]) << 16 | UInt32(message[$0 + 1]) << 8 | UInt32(message[$0 + 2])
            }
            let names = specs.map { code in
                cipherKinds.first { $0.code == code }?.name ?? "SSL_CK_0x" + String(code, radix: 16, uppercase: true)
            }
            return names.isEmpty ? .rejected("the SSLv2 SERVER-HELLO shares no cipher kind") : .accepted(names)
        }
    }
}
