import NIOCore
import NIOHTTP1
import NIOPosix
import ScantrailCore
import Testing

@testable import ScantrailHTTP

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Endpoints are read straight from the URLs the scan builds")
struct EndpointTests {
    @Test(
        "scheme, host, port and request target",
        arguments: [
            ("http://127.0.0.1/x?y=1#frag", false, "127.0.0.1", 80, "/x?y=1"),
            ("https://api.test", true, "api.test", 443, "/"),
            ("HTTPS://api.test:8443?q", true, "api.test", 8443, "/?q"),
            ("http://[::1]:8080/a/b", false, "::1", 8080, "/a/b"),
        ] as [(String, Bool, String, Int, String)])
    func parses(url: String, tls: Bool, host: String, port: Int, target: String) throws {
        let (endpoint, requestTarget) = try #require(Endpoint.parse(url))
        #expect(endpoint.usesTLS == tls && endpoint.host == host && endpoint.port == port)
        #expect(requestTarget == target)
    }

    @Test(
        "what the scan must not send is refused: other schemes, userinfo, bad ports, spaces, no host",
        arguments: [
            "ftp://127.0.0.1/", "http://user:pw@127.0.0.1/", "http://127.0.0.1:0/", "http://127.0.0.1:65536/",
            "http://127.0.0.1:80x/", "http://127.0.0.1/a b", "http:///path", "http://[::1/", "127.0.0.1/x",
            "http://127.0.0.1/\u{7F}",
        ])
    func refuses(url: String) {
        #expect(Endpoint.parse(url) == nil)
    }

    @Test("the Host header carries the port only when it is not the scheme's default; IPv6 goes in brackets")
    func hostHeader() throws {
        #expect(try #require(Endpoint.parse("https://api.test:443/")).endpoint.hostHeader == "api.test")
        #expect(try #require(Endpoint.parse("http://api.test:8080/")).endpoint.hostHeader == "api.test:8080")
        #expect(try #require(Endpoint.parse("http://[::1]:8080/")).endpoint.hostHeader == "[::1]:8080")
    }

    @Test("SNI is sent for names, never for address literals")
    func serverName() throws {
        #expect(try #require(Endpoint.parse("https://api.test/")).endpoint.serverName == "api.test")
        #expect(try #require(Endpoint.parse("https://127.0.0.1/")).endpoint.serverName == nil)
        #expect(try #require(Endpoint.parse("https://[::1]/")).endpoint.serverName == nil)
    }

    @Test("a pinned address is connected to, the host keeps naming the slot, and a bypassed proxy is dropped")
    func pinning() throws {
        let endpoint = try #require(Endpoint.parse("https://api.test:8443/")).endpoint
        let proxy = try #require(ProxyConfiguration(url: "http://proxy.test:3128", bypass: ["api.test"]))
        let pinned = endpoint.connecting(to: "::1", via: proxy)
        #expect(pinned.connectHost == "::1" && pinned.connectAuthority == "[::1]:8443")
        #expect(pinned.slotKey == "api.test:8443" && pinned.proxy == nil)
        #expect(endpoint.connecting(to: "api.test").address == nil)
        let proxied = endpoint.connecting(to: "api.test", via: try #require(ProxyConfiguration(url: "http://p.test")))
        #expect(proxied.proxy?.host == "p.test")
    }
}

@Suite("Transport errors are named in the scan's terms, never in the driver's words")
struct FailureClassificationTests {
    @Test(
        "each transport error has its code",
        arguments: [
            (TransportError.deadlineExceeded, ProbeFailure.Code.timeout),
            (.readTimeout, .timeout), (.closedBeforeResponse, .connectionReset), (.closedMidResponse, .connectionReset),
            (.proxyRefused("HTTP/1.1 407 Proxy Authentication Required"), .proxyFailure),
            (.proxyUnanswered, .proxyFailure),
        ] as [(TransportError, ProbeFailure.Code)])
    func transport(error: TransportError, code: ProbeFailure.Code) {
        #expect(ProbeFailure(classifying: error, timeout: 10).code == code)
    }

    @Test("the deadline names the timeout in seconds")
    func deadlineMessage() {
        #expect(
            ProbeFailure(classifying: TransportError.deadlineExceeded, timeout: 10).message
                == "no complete response within 10 s")
        #expect(
            ProbeFailure(classifying: TransportError.deadlineExceeded, timeout: 2.5).message
                == "no complete response within 2.5 s")
    }

    @Test("system and NIO errors map to refused, reset, connect timeout, malformed and other")
    func system() {
        #expect(
            ProbeFailure(classifying: IOError(errnoCode: ECONNREFUSED, reason: "connect"), timeout: 1).code
                == .connectionRefused)
        #expect(
            ProbeFailure(classifying: IOError(errnoCode: ECONNRESET, reason: "read"), timeout: 1).code
                == .connectionReset)
        #expect(
            ProbeFailure(classifying: IOError(errnoCode: EPIPE, reason: "write"), timeout: 1).code == .connectionReset)
        #expect(ProbeFailure(classifying: ChannelError.connectTimeout(.seconds(3)), timeout: 1).code == .connectTimeout)
        #expect(ProbeFailure(classifying: HTTPParserError.invalidHeaderToken, timeout: 1).code == .malformedResponse)
        struct Unforeseen: Error {}
        let other = ProbeFailure(classifying: Unforeseen(), timeout: 1)
        #expect(other.code == .other && other.message == "transport error (Unforeseen)")
    }
}
