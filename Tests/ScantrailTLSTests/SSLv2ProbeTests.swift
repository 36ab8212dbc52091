import ScantrailTestSupport
import Testing

@testable import ScantrailTLS

@Suite("SSLv2 is asked in its own hello format and read from its own reply")
struct SSLv2ProbeTests {
    func parse(_ bytes: [UInt8]...) -> SSLv2Probe.Outcome {
        var parser = SSLv2Probe.Parser()
        for chunk in bytes {
            if let outcome = parser.feed(chunk) { return outcome }
        }
        return parser.finish()
    }

    @Test("the CLIENT-HELLO is a two-byte-header SSLv2 message offering all seven cipher kinds")
    func hello() {
        let hello = SSLv2Probe.clientHello()
        #expect(hello[0] & 0x80 != 0 && Int(hello[0] & 0x7F) << 8 | Int(hello[1]) == hello.count - 2)
        #expect(Array(hello[2...4]) == [1, 0x00, 0x02])
        #expect(Int(hello[5]) << 8 | Int(hello[6]) == 21)
    }

    @Test("a SERVER-HELLO names the shared cipher kinds, even split across reads")
    func serverHello() {
        var behaviour = LegacyTLSServer.Behaviour()
        behaviour.sslv2CipherKinds = [0x01_0080, 0x07_00C0]
        behaviour.certificates = [[0x30, 0x03, 0x02, 0x01, 0x01]]
        let reply = LegacyTLSServer.sslv2Answer(behaviour)!
        #expect(
            parse(Array(reply.prefix(7)), Array(reply.dropFirst(7)))
                == .accepted(["SSL_CK_RC4_128_WITH_MD5", "SSL_CK_DES_192_EDE3_CBC_WITH_MD5"]))
    }

    @Test("a TLS alert or a silent close is a rejection; anything else is inconclusive")
    func refusals() {
        #expect(parse([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46]) == .rejected("the server answered in TLS records"))
        #expect(parse() == .rejected("the connection closed without an SSLv2 answer"))
        #expect(parse(Array("SSH-2.0-OpenSSH\r\n".utf8)) == .inconclusive("the reply is not TLS"))
        #expect(parse([0x80, 0x10, 0x04]) == .inconclusive("the SSLv2 reply was cut off"))
    }
}
