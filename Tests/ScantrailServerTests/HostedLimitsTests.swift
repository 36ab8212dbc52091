import Foundation
import ScantrailCore
import ScantrailHTTP
import Testing

@testable import ScantrailServer

@Suite("A hosted instance's limits hold against a stranger: bodies, quotas, queue shares, guesses")
struct HostedLimitsTests {
    @Test("a request the HTTP layer refuses by itself (headers too large) still carries the security headers")
    func protocolError() async throws {
        try await WebServer.withRunning(WebServerTests.settings()) { port in
            let oversized = try await WebServerTests.send(
                ProbeRequest(
                    url: "http://127.0.0.1:\(port)/",
                    headers: [HeaderField(name: "X-Padding", value: String(repeating: "a", count: 200_000))]))
            let response = try #require(oversized.response, "\(oversized.failure.map { "\($0)" } ?? "")")
            #expect(response.status == 400)
            #expect(response.headers.first("X-Content-Type-Options") == "nosniff")
            #expect(response.headers.first("Content-Security-Policy")?.hasPrefix("default-src 'none'") == true)
            #expect(response.headers.first("X-Frame-Options") == "DENY")
        }
    }
}
