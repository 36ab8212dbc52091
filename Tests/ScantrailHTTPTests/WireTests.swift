import Foundation
import ScantrailCore
import ScantrailHTTP
import ScantrailTestSupport
import Synchronization
import Testing

@Suite("The probe speaks HTTP/1.1 on kept-alive connections and copes with servers that cut them")
struct WireTests {
    static let ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"

    func withProbe<Result: Sendable>(_ body: (HTTPClientProbe) async throws -> Result) async throws -> Result {
        try await HTTPClientProbe.withProbe(configuration: ScanConfiguration(), body)
    }

    @Test("sequential requests to one host share one connection")
    func keepAlive() async throws {
        try await ScriptedServer.withRunning(reply: { _ in .keepOpen(Self.ok) }) { server, port in
            try await withProbe { probe in
                for index in 0..<5 {
                    let exchange = try await probe.send(ProbeRequest(url: "http://127.0.0.1:\(port)/p\(index)"))
                    #expect(exchange.response?.status == 200 && exchange.response?.body == Data("ok".utf8))
                }
            }
            #expect(server.connectionsAccepted == 1)
        }
    }

    @Test("a server that closes each connection after answering is still answered on a new one")
    func closedAfterEachResponse() async throws {
        try await ScriptedServer.withRunning(reply: { _ in .thenClose(Self.ok) }) { server, port in
            try await withProbe { probe in
                for index in 0..<3 {
                    let exchange = try await probe.send(ProbeRequest(url: "http://127.0.0.1:\(port)/p\(index)"))
                    #expect(exchange.failure == nil, "\(exchange.failure?.description ?? "")")
                    #expect(exchange.requestsSent == 1)
                }
            }
            #expect(server.connectionsAccepted >= 3)
        }
    }

    @Test("a body without a length ends where the server closes the connection")
    func closeDelimitedBody() async throws {
        let reply = ScriptedServer.Reply.thenClose("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end")
        try await ScriptedServer.withRunning(reply: { _ in reply }) { _, port in
            let exchange = try await withProbe { try await $0.send(ProbeRequest(url: "http://127.0.0.1:\(port)/")) }
            #expect(exchange.response?.body == Data("until the end".utf8))
        }
    }

    @Test("a response to HEAD has no body, whatever its Content-Length says")
    func head() async throws {
        let reply = ScriptedServer.Reply.keepOpen("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
        try await ScriptedServer.withRunning(reply: { _ in reply }) { _, port in
            try await withProbe { probe in
                for _ in 0..<2 {
                    let exchange = try await probe.send(
                        ProbeRequest(
                            method: "HEAD", url: "http://127.0.0.1:\(port)/", headers: [.init(name: "X-N", value: "1")])
                    )
                    #expect(exchange.response?.status == 200 && exchange.response?.body.isEmpty == true)
                }
            }
        }
    }

    @Test("a server that never answers after the request ends in the read timeout")
    func silentServer() async throws {
        try await ScriptedServer.withRunning(reply: { _ in .keepOpen("") }) { _, port in
            var limits = ScanLimits()
            limits.readTimeoutSeconds = 0.3
            let exchange = try await HTTPClientProbe.withProbe(configuration: ScanConfiguration(limits: limits)) {
                try await $0.send(ProbeRequest(url: "http://127.0.0.1:\(port)/"))
            }
            #expect(exchange.failure?.code == .timeout)
        }
    }

    @Test("a header with a line break is refused before anything is sent")
    func headerInjection() async throws {
        try await ScriptedServer.withRunning(reply: { _ in .keepOpen(Self.ok) }) { server, port in
            let exchange = try await withProbe { probe in
                try await probe.send(
                    ProbeRequest(
                        url: "http://127.0.0.1:\(port)/", headers: [.init(name: "X-A", value: "1\r\nX-Injected: 1")]))
            }
            #expect(exchange.failure?.code == .invalidRequest)
            #expect(server.connectionsAccepted == 0)
        }
    }

    @Test("an IPv6 loopback target is reached with its address in brackets in the Host header")
    func ipv6() async throws {
        let seen = Mutex<String>("")
        let reply: @Sendable (String) -> ScriptedServer.Reply = { head in
            seen.withLock { $0 = head }
            return .keepOpen(Self.ok)
        }
        try await ScriptedServer.withRunning(host: "::1", reply: reply) { _, port in
            let exchange = try await withProbe { try await $0.send(ProbeRequest(url: "http://[::1]:\(port)/v6?q=1")) }
            #expect(exchange.response?.status == 200)
        }
        #expect(seen.withLock { $0 }.hasPrefix("GET /v6?q=1 HTTP/1.1"))
        #expect(seen.withLock { $0 }.contains("Host: [::1]:"))
    }
}
