import Testing

@testable import ScantrailTLS

@Suite("The reply parser reads any framing of a server's first flight, without I/O")
struct ServerReplyParserTests {
    /// A record of `type` around `body`.
    static func record(_ type: UInt8, _ body: [UInt8], version: UInt16 = 0x0303) -> [UInt8] {
        var bytes: [UInt8] = [type]
        bytes.append(uint16: version)
        bytes.append(uint16: UInt16(body.count))
        return bytes + body
    }

    /// A handshake message of `type` around `body`.
    static func message(_ type: UInt8, _ body: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [type]
        bytes.append(uint24: body.count)
        return bytes + body
    }

    /// A ServerHello body choosing `suite`, with `extensions` (type, data).
    static func serverHello(
        version: UInt16 = 0x0303, suite: UInt16, random: [UInt8] = Array(repeating: 7, count: 32),
        extensions: [(UInt16, [UInt8])] = []
    ) -> [UInt8] {
        var body: [UInt8] = []
        body.append(uint16: version)
        body += random
        body += [0]  // empty session id
        body.append(uint16: suite)
        body += [0]
        var encoded: [UInt8] = []
        for (type, data) in extensions { encoded.append(extension: type, data) }
        body.append(uint16: UInt16(encoded.count))
        return body + encoded
    }

    func outcome(of bytes: [UInt8], chunk: Int = .max, wholeFlight: Bool = false) -> HelloOutcome? {
        var parser = ServerReplyParser(readsWholeFlight: wholeFlight)
        var index = 0
        while index < bytes.count {
            let end = min(index + chunk, bytes.count)
            if let outcome = parser.feed(bytes[index..<end]) { return outcome }
            index = end
        }
        return parser.finish()
    }

    @Test("a ServerHello is read whether it arrives whole or one byte at a time")
    func fragmentedBytes() throws {
        let reply = Self.record(22, Self.message(2, Self.serverHello(suite: 0xC02F, extensions: [(0xFF01, [0])])))
        for chunk in [1, 3, 1000] {
            guard case .accepted(let hello) = outcome(of: reply, chunk: chunk) else {
                Issue.record("chunk \(chunk): not accepted")
                continue
            }
            #expect(hello.suite == 0xC02F && hello.version == 0x0303 && hello.supportsSecureRenegotiation)
        }
    }

    @Test("a handshake message split across two records is reassembled")
    func messageAcrossRecords() {
        let message = Self.message(2, Self.serverHello(suite: 0x009C))
        let reply = Self.record(22, Array(message.prefix(10))) + Self.record(22, Array(message.dropFirst(10)))
        guard case .accepted(let hello) = outcome(of: reply) else {
            Issue.record("not accepted")
            return
        }
        #expect(hello.suite == 0x009C)
    }

    @Test("a whole flight bundled in one record yields certificates, the ECDHE curve and the OCSP staple")
    func bundledFlight() {
        var certificates: [UInt8] = []
        certificates.append(uint24: 3 + 4)
        certificates.append(uint24: 4)
        certificates += [0x30, 0x02, 0x05, 0x00]
        let keyExchange: [UInt8] = [3, 0x00, 0x1D, 1, 0xAA]
        let flight =
            Self.message(2, Self.serverHello(suite: 0xC02F)) + Self.message(11, certificates)
            + Self.message(22, [1, 0, 0, 1, 0]) + Self.message(12, keyExchange) + Self.message(14, [])
        guard case .accepted(let hello) = outcome(of: Self.record(22, flight), wholeFlight: true) else {
            Issue.record("not accepted")
            return
        }
        #expect(hello.certificates == [[0x30, 0x02, 0x05, 0x00]])
        #expect(hello.keyExchange == .namedGroup(0x001D))
        #expect(hello.staplesOCSP)
    }

    @Test("the size of a DHE prime is read from the key exchange")
    func finiteFieldSize() {
        var keyExchange: [UInt8] = []
        keyExchange.append(uint16: 129)
        keyExchange += [0x00, 0x80] + Array(repeating: 0xFF, count: 127)
        let flight =
            Self.message(2, Self.serverHello(suite: 0x009E)) + Self.message(12, keyExchange) + Self.message(14, [])
        guard case .accepted(let hello) = outcome(of: Self.record(22, flight), wholeFlight: true) else {
            Issue.record("not accepted")
            return
        }
        #expect(hello.keyExchange == .finiteField(bits: 1024))
    }

    @Test("TLS 1.3 counts only when supported_versions says 0x0304")
    func tls13Version() {
        let tls13 = Self.record(
            22, Self.message(2, Self.serverHello(suite: 0x1301, extensions: [(0x002B, [0x03, 0x04])])))
        guard case .accepted(let hello) = outcome(of: tls13) else {
            Issue.record("not accepted")
            return
        }
        #expect(hello.version == 0x0304)
        let legacy = Self.record(22, Self.message(2, Self.serverHello(suite: 0xC02F)))
        guard case .accepted(let old) = outcome(of: legacy) else {
            Issue.record("not accepted")
            return
        }
        #expect(old.version == 0x0303)
    }

    @Test("a HelloRetryRequest is an acceptance naming the group the server wants")
    func helloRetryRequest() {
        let reply = Self.record(
            22,
            Self.message(
                2,
                Self.serverHello(
                    suite: 0x1302, random: ServerReplyParser.helloRetryRandom,
                    extensions: [(0x002B, [0x03, 0x04]), (0x0033, [0x01, 0x00])])))
        guard case .accepted(let hello) = outcome(of: reply) else {
            Issue.record("not accepted")
            return
        }
        #expect(hello.isHelloRetryRequest && hello.keyShareGroup == 0x0100 && hello.suite == 0x1302)
    }

    @Test("an alert is a rejection, unless it blames our hello")
    func alerts() {
        #expect(outcome(of: Self.record(21, [2, 40])) == .rejected(TLSAlert(code: 40)))
        #expect(outcome(of: Self.record(21, [2, 70])) == .rejected(TLSAlert(code: 70)))
        guard case .inconclusive(let reason) = outcome(of: Self.record(21, [2, 50])) else {
            Issue.record("decode_error taken as a rejection")
            return
        }
        #expect(reason.contains("malformed"))
    }

    @Test("SSLv2, silence and a cut-off reply are inconclusive")
    func inconclusive() {
        let cases: [[UInt8]] = [
            [0x80, 0x2E, 0x04, 0x00, 0x01],
            [],
            Array(Self.record(22, Self.message(2, Self.serverHello(suite: 0xC02F))).prefix(20)),
        ]
        for bytes in cases {
            guard case .inconclusive = outcome(of: bytes) else {
                Issue.record("\(bytes.prefix(8)) was not inconclusive")
                continue
            }
        }
    }

    @Test("a reply in another protocol is not TLS, and the evidence shows how it began")
    func notTLS() {
        #expect(
            outcome(of: Array("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\n".utf8))
                == .notTLS("the reply is not TLS: it begins \"HTTP/1.1 400 Bad Request\""))
        #expect(
            outcome(of: [0x00, 0x01, 0x7F, 0xFF, 0x10, 0x0A, 0x0B, 0x0C, 0x0D])
                == .notTLS("the reply is not TLS: it begins with bytes 00 01 7f ff 10 0a 0b 0c"))
    }
}

@Suite("ClientHellos stay within what servers tolerate")
struct ClientHelloTests {
    @Test("no hello is between 256 and 511 bytes long, whatever the number of suites")
    func paddingAvoidsTheF5Range() {
        for count in 0...128 {
            for version in TLSVersion.allCases {
                let hello = ClientHello(
                    version: version, suites: Array(CipherSuite.all.prefix(count).map(\.code)),
                    serverName: "example.test")
                let length = hello.bytes().count - 5
                #expect(
                    !(256...511).contains(length) || version == .sslv3, "\(version) with \(count) suites: \(length)")
            }
        }
    }

    @Test("a hello parses back: its version, suites with the renegotiation signal, and SNI")
    func layout() {
        var hello = ClientHello(version: .tls12, suites: [0xC02F, 0x009C], serverName: "api.example.test")
        hello.signalsFallback = true
        let bytes = hello.bytes()
        #expect(bytes[0] == 0x16 && bytes[5] == 0x01)
        #expect(bytes[9] == 0x03 && bytes[10] == 0x03)
        let suitesOffset = 5 + 4 + 2 + 32 + 1
        #expect(
            Array(bytes[suitesOffset..<(suitesOffset + 10)]) == [0, 8, 0xC0, 0x2F, 0x00, 0x9C, 0x00, 0xFF, 0x56, 0x00])
        #expect(String(decoding: bytes, as: UTF8.self).contains("api.example.test"))
    }
}

@Suite("Cipher suites are judged from their IANA names")
struct CipherSuiteTests {
    @Test(
        "properties read from the name",
        arguments: [
            (0xC02F, true, true, false, 128),
            (0x000A, false, false, true, 112),
            (0x0003, false, false, false, 40),
            (0x1303, true, true, false, 256),
            (0x0002, false, false, false, 0),
        ] as [(UInt16, Bool, Bool, Bool, Int)])
    func properties(code: UInt16, forwardSecret: Bool, aead: Bool, sweet32: Bool, bits: Int) {
        let suite = CipherSuite.named(code)
        #expect(suite.hasForwardSecrecy == forwardSecret, "\(suite)")
        #expect(suite.isAEAD == aead, "\(suite)")
        #expect(suite.has64BitBlock == sweet32, "\(suite)")
        #expect(suite.strengthBits == bits, "\(suite)")
    }

    @Test("the registry has every suite once, with no signalling values")
    func registry() {
        #expect(Set(CipherSuite.all.map(\.code)).count == CipherSuite.all.count)
        #expect(!CipherSuite.all.contains { $0.code == 0x00FF || $0.code == 0x5600 })
        #expect(CipherSuite.all.count > 300)
        #expect(CipherSuite.named(0x0003).isExport && CipherSuite.named(0x0018).isAnonymous)
    }
}
