import Foundation
import HTTPTypes
import Hummingbird
import NIOSSL
import ScantrailCore
import ScantrailDemo
import ScantrailHTTP
import ScantrailTestSupport
import Testing

/// Requests through a real forward proxy (tinyproxy) on 127.0.0.1.
@Suite("Scanning from behind an HTTP proxy")
struct ProxyTests {
    static let credentials = (user: "scantrail", password: "s3cret-proxy")

    /// An API answering `/me` with the Host it was asked for.
    static func api() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/me") { request, _ in request.head.authority ?? "no host" }
        return router
    }

    /// Through the proxy, with room for a loaded suite (a TLS tunnel through tinyproxy on two busy
    /// cores has taken more than the default 10 s): a slow answer is not what these tests judge.
    static func configuration(proxyPort: Int, credentials: Bool = true) throws -> ScanConfiguration {
        let user = credentials ? "\(Self.credentials.user):\(Self.credentials.password)@" : ""
        var configuration = ScanConfiguration(
            proxy: try #require(ProxyConfiguration(url: "http://\(user)127.0.0.1:\(proxyPort)")))
        configuration.limits.requestTimeoutSeconds = 60
        configuration.limits.readTimeoutSeconds = 30
        return configuration
    }

    @Test("cleartext requests go in absolute form, with the proxy's credential")
    func cleartext() async throws {
        try await TinyProxy.withRunning(credentials: Self.credentials) { proxyPort in
            try await LocalHTTPServer.withRunning(Self.api()) { port in
                try await HTTPClientProbe.withProbe(configuration: try Self.configuration(proxyPort: proxyPort)) {
                    probe in
                    let exchange = try await probe.send(ProbeRequest(url: "http://127.0.0.1:\(port)/me"))
                    #expect(exchange.response?.status == 200, "\(exchange.failure.map { "\($0)" } ?? "")")
                    #expect(String(decoding: exchange.response?.body ?? Data(), as: UTF8.self) == "127.0.0.1:\(port)")
                    // The proxy's credential is not part of the evidence.
                    #expect(!exchange.request.headers.contains { $0.name.lowercased() == "proxy-authorization" })
                }
            }
        }
    }

    @Test("HTTPS requests go in a CONNECT tunnel, TLS end to end")
    func tunnel() async throws {
        try await TinyProxy.withRunning(credentials: Self.credentials) { proxyPort in
            try await LocalHTTPServer.withRunning(Self.api(), tls: try TestPKI.selfSignedServerConfiguration()) {
                port in
                try await HTTPClientProbe.withProbe(configuration: try Self.configuration(proxyPort: proxyPort)) {
                    probe in
                    let exchange = try await probe.send(ProbeRequest(url: "https://127.0.0.1:\(port)/me"))
                    #expect(exchange.response?.status == 200, "\(exchange.failure.map { "\($0)" } ?? "")")
                }
            }
        }
    }

    @Test("a proxy that refuses is a proxy failure naming its answer, for both kinds of request")
    func refused() async throws {
        try await TinyProxy.withRunning(credentials: Self.credentials) { proxyPort in
            try await LocalHTTPServer.withRunning(Self.api(), tls: try TestPKI.selfSignedServerConfiguration()) {
                port in
                let configuration = try Self.configuration(proxyPort: proxyPort, credentials: false)
                try await HTTPClientProbe.withProbe(configuration: configuration) { probe in
                    let tunnel = try await probe.send(ProbeRequest(url: "https://127.0.0.1:\(port)/me"))
                    #expect(tunnel.failure?.code == .proxyFailure)
                    #expect(tunnel.failure?.message.contains("407") == true, "\(tunnel.failure.map { "\($0)" } ?? "")")
                    // A cleartext request gets the proxy's own 407 answer, which is what came back.
                    let cleartext = try await probe.send(ProbeRequest(url: "http://127.0.0.1:\(port)/me"))
                    #expect(cleartext.response?.status == 407)
                }
            }
        }
    }

    @Test("a proxy that cannot be reached is said to be, not the target")
    func unreachableProxy() async throws {
        try await ClosedPort.withReserved { closed in
            try await LocalHTTPServer.withRunning(Self.api()) { port in
                let configuration = try Self.configuration(proxyPort: closed)
                try await HTTPClientProbe.withProbe(configuration: configuration) { probe in
                    let exchange = try await probe.send(ProbeRequest(url: "http://127.0.0.1:\(port)/me"))
                    #expect(exchange.failure?.code == .proxyFailure)
                    #expect(
                        exchange.failure?.message == "cannot reach the proxy at 127.0.0.1:\(closed): connection refused"
                    )
                }
            }
        }
    }

    @Test("hosts the proxy is bypassed for, and loopback with a proxy from the environment, are reached directly")
    func bypass() throws {
        let explicit = try #require(
            ProxyConfiguration(url: "http://proxy.internal:3128", bypass: [".example.com", "db"]))
        #expect(!explicit.applies(to: "api.example.com") && !explicit.applies(to: "example.com"))
        #expect(
            !explicit.applies(to: "db") && explicit.applies(to: "api.example.org") && explicit.applies(to: "127.0.0.1"))
        let environment = try #require(ProxyConfiguration(url: "http://proxy.internal:3128", directToLoopback: true))
        #expect(
            !environment.applies(to: "127.0.0.5") && !environment.applies(to: "localhost")
                && !environment.applies(to: "::1"))
        #expect(environment.applies(to: "api.example.org"))
        #expect(try #require(ProxyConfiguration(url: "http://proxy.internal", bypass: ["*"])).applies(to: "x") == false)
        #expect(ProxyConfiguration(url: "socks5://proxy.internal:1080") == nil)
    }

    @Test("the proxy's credential never reaches a report")
    func redactedInReports() throws {
        let configuration = try Self.configuration(proxyPort: 3128)
        let json = String(decoding: try JSONEncoder().encode(configuration), as: UTF8.self)
        #expect(
            json.contains("\"host\":\"127.0.0.1\"")
                && !json.contains(Data("scantrail:s3cret-proxy".utf8).base64EncodedString()))
    }
}
