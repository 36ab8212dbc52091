import NIOCore

/// A TCP server on 127.0.0.1 that answers ClientHellos the way an old, unpatched TLS stack
/// would — no downgrade protection, no secure renegotiation, DEFLATE compression — which no
/// TLS library on this machine can still be configured to do. It speaks only the first
/// flight (ServerHello, Certificate, ServerHelloDone, or an alert) and then closes: enough for
/// a prober, which never completes a handshake.
public enum LegacyTLSServer {
    /// How the server behaves.
    public struct Behaviour: Sendable {
        /// Versions it accepts (`0x0301` TLS 1.0 … `0x0303` TLS 1.2).
        public var versions: Set<UInt16> = [0x0302, 0x0303]
        /// Suites it accepts, in its order of preference.
        public var suites: [UInt16] = [0x002F, 0x0035]
        /// Refuse a hello carrying TLS_FALLBACK_SCSV below the best version (RFC 7507).
        public var honoursFallbackSCSV = false
        /// Answer with the renegotiation_info extension (RFC 5746).
        public var supportsSecureRenegotiation = false
        /// Choose DEFLATE when the client offers it.
        public var compresses = true
        /// The certificate chain it presents (DER, leaf first).
        public var certificates: [[UInt8]] = []
        /// SSLv2 cipher kinds it answers an SSLv2 CLIENT-HELLO with (three-byte codes, such as
        /// `0x010080` for RC4-128-MD5); empty closes such a connection unanswered.
        public var sslv2CipherKinds: [UInt32] = []

        /// The defaults above: an old stack with every flaw.
        public init() {}
    }

    /// Runs `body` with the port of a server on `host` (a loopback address) behaving as `behaviour`.
    public static func withRunning<Result: Sendable>(
        _ behaviour: Behaviour, host: String = "127.0.0.1", _ body: (_ port: Int) async throws -> Result
    ) async throws -> Result {
        try await LoopbackListener.withRunning(host: host, handler: { Responder(behaviour: behaviour) }, body)
    }

    /// What a ClientHello offers.
    struct Offer {
        var versions: [UInt16] = []
        var suites: [UInt16] = []
        var compressionMethods: [UInt8] = []

        /// Reads a ClientHello record; `nil` until it is complete.
        init?(_ bytes: [UInt8]) {
            guard bytes.count >= 5 else { return nil }
            let end = 5 + (Int(bytes[3]) << 8 | Int(bytes[4]))
            guard bytes.count >= end, end > 43, bytes[5] == 1 else { return nil }
            var reader = Reader(bytes: Array(bytes[9..<end]))
            let legacyVersion = reader.uint16()
            reader.skip(32)
            reader.skip(Int(reader.uint8()))
            let suiteBytes = reader.take(Int(reader.uint16()))
            suites = stride(from: 0, to: suiteBytes.count - 1, by: 2).map {
                UInt16(suiteBytes[$0]) << 8 | UInt16(suiteBytes[$0 + 1])
            }
            compressionMethods = reader.take(Int(reader.uint8()))
            var extensions = Reader(bytes: reader.take(Int(reader.uint16())))
            while extensions.remaining >= 4 {
                let type = extensions.uint16()
                var data = Reader(bytes: extensions.take(Int(extensions.uint16())))
                if type == 43 {
                    data.skip(1)
                    while data.remaining >= 2 { versions.append(data.uint16()) }
                }
            }
            if versions.isEmpty && legacyVersion >= 0x0300 { versions = Array(0x0300...legacyVersion) }
        }
    }

    /// Reads big-endian fields, yielding zeros past the end.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var remaining: Int { bytes.count - offset }

        mutating func take(_ count: Int) -> [UInt8] {
            let slice = Array(bytes[min(offset, bytes.count)..<min(offset + count, bytes.count)])
            offset += count
            return slice
        }

        mutating func skip(_ count: Int) { offset += count }
        mutating func uint8() -> UInt8 { take(1).first ?? 0 }
        mutating func uint16() -> UInt16 { take(2).reduce(0) { $0 << 8 | UInt16($1) } }
    }

    /// The SSLv2 SERVER-HELLO for `behaviour`, or `nil` (close) when it speaks no SSLv2.
    public static func sslv2Answer(_ behaviour: Behaviour) -> [UInt8]? {
        guard !behaviour.sslv2CipherKinds.isEmpty else { return nil }
        let certificate = behaviour.certificates.first ?? []
        let kinds = behaviour.sslv2CipherKinds.flatMap { [UInt8($0 >> 16), UInt8($0 >> 8 & 0xFF), UInt8($0 & 0xFF)] }
        var body: [UInt8] = [4, 0, 1, 0x00, 0x02]
        body += bytes(UInt16(certificate.count)) + bytes(UInt16(kinds.count)) + bytes(16)
        body += certificate + kinds + [UInt8](repeating: 0x2A, count: 16)
        return [0x80 | UInt8(body.count >> 8), UInt8(body.count & 0xFF)] + body
    }

    /// The server's first flight for `offer`, or an alert.
    static func answer(_ offer: Offer, behaviour: Behaviour) -> [UInt8] {
        guard let version = offer.versions.filter(behaviour.versions.contains).max() else {
            return alert(70, version: 0x0301)  // protocol_version
        }
        if behaviour.honoursFallbackSCSV && offer.suites.contains(0x5600) && version < behaviour.versions.max()! {
            return alert(86, version: version)  // inappropriate_fallback
        }
        guard let suite = behaviour.suites.first(where: offer.suites.contains) else {
            return alert(40, version: version)  // handshake_failure
        }
        let compression: UInt8 = behaviour.compresses && offer.compressionMethods.contains(1) ? 1 : 0
        var hello = bytes(version) + [UInt8](repeating: 0x5A, count: 32) + [0] + bytes(suite) + [compression]
        let extensions: [UInt8] = behaviour.supportsSecureRenegotiation ? [0xFF, 0x01, 0x00, 0x01, 0x00] : []
        hello += bytes(UInt16(extensions.count)) + extensions
        let chain = behaviour.certificates.flatMap { length24($0.count) + $0 }
        let flight =
            handshake(2, hello) + handshake(11, length24(chain.count) + chain) + handshake(14, [])
        return [22] + bytes(version) + bytes(UInt16(flight.count)) + flight
    }

    private static func alert(_ description: UInt8, version: UInt16) -> [UInt8] {
        [21] + bytes(version) + [0, 2, 2, description]
    }

    private static func handshake(_ type: UInt8, _ body: [UInt8]) -> [UInt8] {
        [type] + length24(body.count) + body
    }

    private static func bytes(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
    private static func length24(_ count: Int) -> [UInt8] {
        [UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)]
    }

    private final class Responder: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private let behaviour: Behaviour
        private var received: [UInt8] = []

        init(behaviour: Behaviour) {
            self.behaviour = behaviour
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            received += Array(unwrapInboundIn(data).readableBytesView)
            if let first = received.first, first & 0x80 != 0 {
                // An SSLv2 CLIENT-HELLO: two-byte header, then the message.
                guard received.count >= 2, received.count >= 2 + (Int(first & 0x7F) << 8 | Int(received[1])) else {
                    return
                }
                guard let answer = LegacyTLSServer.sslv2Answer(behaviour) else {
                    context.close(promise: nil)
                    return
                }
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: answer))).whenComplete { _ in
                    context.close(promise: nil)
                }
                return
            }
            guard let offer = Offer(received) else { return }
            let reply = ByteBuffer(bytes: LegacyTLSServer.answer(offer, behaviour: behaviour))
            context.writeAndFlush(wrapOutboundOut(reply)).whenComplete { _ in context.close(promise: nil) }
        }
    }
}
