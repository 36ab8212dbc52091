import Foundation
import Testing

@testable import ScantrailTLS

/// A ClientHello read back field by field, as a server reads it.
struct DecodedHello {
    let recordVersion: UInt16
    let legacyVersion: UInt16
    let sessionIDLength: Int
    let suites: [UInt16]
    let compression: [UInt8]
    /// Extension bodies by type, in the order sent.
    let extensions: [(type: UInt16, body: [UInt8])]

    /// A hello that does not parse.
    struct Malformed: Error {
        let field: String
    }

    init(_ bytes: [UInt8]) throws {
        var reader = ByteReader(bytes)
        func need<T>(_ value: T?, _ field: String) throws -> T {
            guard let value else { throw Malformed(field: field) }
            return value
        }
        guard reader.uint8() == 0x16 else { throw Malformed(field: "record type") }
        recordVersion = try need(reader.uint16(), "record version")
        guard Int(try need(reader.uint16(), "record length")) == bytes.count - 5 else {
            throw Malformed(field: "record length")
        }
        guard reader.uint8() == 0x01, try need(reader.uint24(), "hello length") == bytes.count - 9 else {
            throw Malformed(field: "handshake header")
        }
        legacyVersion = try need(reader.uint16(), "version")
        _ = try need(reader.bytes(32), "random")
        sessionIDLength = Int(try need(reader.uint8(), "session id length"))
        _ = try need(reader.bytes(sessionIDLength), "session id")
        var suiteReader = try need(reader.reader(Int(try need(reader.uint16(), "suites length"))), "suites")
        var suites: [UInt16] = []
        while let suite = suiteReader.uint16() { suites.append(suite) }
        self.suites = suites
        compression = try need(reader.bytes(Int(try need(reader.uint8(), "compression length"))), "compression")
        var extensions: [(UInt16, [UInt8])] = []
        if let length = reader.uint16() {
            var extensionReader = try need(reader.reader(Int(length)), "extensions")
            while let type = extensionReader.uint16() {
                let length = try need(extensionReader.uint16(), "extension length")
                extensions.append((type, try need(extensionReader.bytes(Int(length)), "extension \(type)")))
            }
        }
        self.extensions = extensions
        guard reader.uint8() == nil else { throw Malformed(field: "bytes after the hello") }
    }

    var extensionTypes: [UInt16] { extensions.map(\.type) }

    func body(of type: UInt16) -> [UInt8]? { extensions.first { $0.type == type }?.body }
}

@Suite("Each ClientHello says exactly what its probe asks, and parses as a server parses it")
struct ClientHelloLayoutTests {
    @Test("a TLS 1.3 hello offers 1.3 only through supported_versions, with a key share and a session id")
    func tls13() throws {
        let hello = try DecodedHello(
            ClientHello(version: .tls13, suites: [0x1301, 0x1302], serverName: "api.example.test").bytes())
        #expect(hello.recordVersion == 0x0301 && hello.legacyVersion == 0x0303)
        #expect(hello.sessionIDLength == 32)
        #expect(hello.suites == [0x1301, 0x1302], "no renegotiation signal in TLS 1.3")
        #expect(hello.body(of: 0x002B) == [2, 0x03, 0x04])
        let shares = try #require(hello.body(of: 0x0033))
        #expect(Array(shares.prefix(4)) == [0, 36, 0x00, 0x1D], "one x25519 share of 32 bytes")
        #expect(hello.body(of: 0xFF01) == nil)
    }

    @Test("a TLS 1.2 hello signals secure renegotiation twice and offers the signature schemes")
    func tls12() throws {
        let hello = try DecodedHello(ClientHello(version: .tls12, suites: [0xC02F], serverName: nil).bytes())
        #expect(hello.legacyVersion == 0x0303 && hello.sessionIDLength == 0)
        #expect(hello.suites == [0xC02F, 0x00FF])
        #expect(hello.body(of: 0xFF01) == [0])
        #expect(hello.body(of: 0x000D)?.count == 2 + 2 * ClientHello.signatureAlgorithms.count)
        #expect(hello.body(of: 0x0000) == nil, "no SNI without a name")
        #expect(hello.body(of: 0x002B) == nil)
    }

    @Test("below TLS 1.2 no signature schemes are sent; SSLv3 has no extensions at all")
    func legacy() throws {
        let tls10 = try DecodedHello(ClientHello(version: .tls10, suites: [0x002F], serverName: "a.test").bytes())
        #expect(tls10.legacyVersion == 0x0301 && tls10.body(of: 0x000D) == nil)
        let sslv3 = try DecodedHello(ClientHello(version: .sslv3, suites: [0x000A], serverName: "a.test").bytes())
        #expect(sslv3.recordVersion == 0x0300 && sslv3.legacyVersion == 0x0300)
        #expect(sslv3.extensions.isEmpty)
    }

    @Test("SNI carries the name as one host_name entry")
    func serverName() throws {
        let hello = try DecodedHello(ClientHello(version: .tls12, suites: [0xC02F], serverName: "api.test").bytes())
        let name = Array("api.test".utf8)
        #expect(hello.body(of: 0x0000) == [0, UInt8(name.count + 3), 0x00, 0, UInt8(name.count)] + name)
    }

    @Test("the fallback and compression probes add exactly their signal")
    func signals() throws {
        var hello = ClientHello(version: .tls11, suites: [0x002F], serverName: nil)
        hello.signalsFallback = true
        hello.offersCompression = true
        let decoded = try DecodedHello(hello.bytes())
        #expect(decoded.suites == [0x002F, 0x00FF, 0x5600])
        #expect(decoded.compression == [1, 0])
        #expect(
            try DecodedHello(ClientHello(version: .tls11, suites: [0x002F], serverName: nil).bytes()).compression == [0]
        )
    }

    @Test("a group probe offers one group; a group without a key swift-crypto can make gets no share")
    func groupProbe() throws {
        var hello = ClientHello(version: .tls13, suites: [0x1301], serverName: nil)
        hello.groups = [NamedGroup.named(0x0100)]
        hello.keyShareGroups = []
        let decoded = try DecodedHello(hello.bytes())
        #expect(decoded.body(of: 0x000A) == [0, 2, 0x01, 0x00])
        #expect(decoded.body(of: 0x0033) == [0, 0])
        #expect(ClientHello.keyShare(for: NamedGroup.named(0x0017))?.count == 65)
        #expect(ClientHello.keyShare(for: NamedGroup.named(0x001E)) == nil)
    }

    @Test("hellos that would fall in the 256–511 byte range carry a padding extension to 512")
    func padding() throws {
        let hello = try DecodedHello(
            ClientHello(version: .tls12, suites: Array(CipherSuite.all.prefix(60).map(\.code)), serverName: "a.test")
                .bytes())
        let padding = try #require(hello.body(of: 0x0015))
        #expect(padding.allSatisfy { $0 == 0 })
        #expect(hello.extensionTypes.last == 0x0015)
    }

    @Test("groups are named from the registry; unknown values by their code")
    func groupNames() {
        #expect(NamedGroup.named(0x11EC).name == "X25519MLKEM768")
        #expect(NamedGroup.named(0xABCD).name == "0xABCD")
        #expect(NamedGroup.named(0x0101).isFiniteField && !NamedGroup.named(0x001D).isFiniteField)
    }
}
