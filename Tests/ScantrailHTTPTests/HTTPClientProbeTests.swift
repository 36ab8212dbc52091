import Foundation
import ScantrailCore
import ScantrailDemo
import ScantrailHTTP
import ScantrailTestSupport
import Testing

@Suite("The HTTP probe keeps a scan polite and survives hostile servers")
struct HTTPClientProbeTests {
    /// Runs `body` with a hostile server and a probe configured by `adjust`.
    func withProbe(
        _ adjust: (inout ScanLimits) -> Void = { _ in },
        _ body: (HTTPClientProbe, String, HitCounter) async throws -> Void
    ) async throws {
        var limits = ScanLimits()
        adjust(&limits)
        let counter = HitCounter()
        try await LocalHTTPServer.withRunning(HostileRoutes.router(counter: counter)) { port in
            try await HTTPClientProbe.withProbe(configuration: ScanConfiguration(limits: limits)) { probe in
                try await body(probe, "http://127.0.0.1:\(port)", counter)
            }
        }
    }

    @Test("no more requests are in flight to one host than the per-host cap")
    func perHostCap() async throws {
        try await withProbe({ $0.maxConnectionsPerHost = 3 }) { probe, base, counter in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<15 {
                    group.addTask { _ = try await probe.send(ProbeRequest(url: "\(base)/busy?n=\(index)")) }
                }
                try await group.waitForAll()
            }
            #expect(await counter.hits == 15)
            // Never above the cap; and the cap was reached (or nearly, on a loaded machine).
            #expect(await counter.highestInFlight <= 3)
            #expect(await counter.highestInFlight >= 2)
        }
    }

    @Test("once the budget is spent, requests fail with budget-exhausted instead of being sent")
    func budget() async throws {
        try await withProbe({ $0.requestBudget = 3 }) { probe, base, counter in
            var codes: [String] = []
            for index in 0..<5 {
                let exchange = try await probe.send(ProbeRequest(url: "\(base)/ok?n=\(index)"))
                codes.append(exchange.failure?.code.rawValue ?? "\(exchange.response!.status)")
            }
            #expect(codes == ["200", "200", "200", "budget-exhausted", "budget-exhausted"])
            #expect(await counter.hits == 3)
        }
    }

    @Test("identical safe requests in one scan are sent once and reused")
    func reuse() async throws {
        try await withProbe { probe, base, counter in
            let first = try await probe.send(ProbeRequest(url: "\(base)/ok"))
            let second = try await probe.send(ProbeRequest(url: "\(base)/ok"))
            #expect(first.requestsSent == 1 && second.requestsSent == 0)
            #expect(second.response?.status == 200)
            #expect(await counter.hits == 1)
        }
    }

    @Test("429 with Retry-After is backed off and retried; a persistent 429 is inconclusive")
    func rateLimit() async throws {
        try await withProbe { probe, base, _ in
            let recovered = try await probe.send(ProbeRequest(url: "\(base)/limited"))
            #expect(recovered.response?.status == 200)
            #expect(recovered.requestsSent == 3)
            #expect(recovered.inconclusiveReason == nil)
            let persistent = try await probe.send(ProbeRequest(url: "\(base)/always-429"))
            #expect(persistent.response?.status == 429)
            #expect(persistent.inconclusiveReason?.contains("rate limited") == true)
        }
    }

    @Test("redirects are followed on the same host, up to the limit, with loops detected")
    func redirects() async throws {
        try await withProbe { probe, base, _ in
            let chain = try await probe.send(ProbeRequest(url: "\(base)/r/3", followRedirects: true))
            #expect(chain.response?.status == 200)
            #expect(chain.redirects.map(\.location) == ["\(base)/r/2", "\(base)/r/1", "\(base)/r/0"])
            let tooLong = try await probe.send(ProbeRequest(url: "\(base)/r/9", followRedirects: true))
            #expect(tooLong.failure?.code == .tooManyRedirects)
            #expect(tooLong.redirects.count == 5)
            let loop = try await probe.send(ProbeRequest(url: "\(base)/loop-a", followRedirects: true))
            #expect(loop.failure?.code == .redirectLoop)
            let unfollowed = try await probe.send(ProbeRequest(url: "\(base)/r/1"))
            #expect(unfollowed.response?.status == 302 && unfollowed.redirects.isEmpty)
        }
    }

    @Test("a redirect to another host is recorded, never followed")
    func offHostRedirect() async throws {
        try await withProbe { probe, base, _ in
            let exchange = try await probe.send(ProbeRequest(url: "\(base)/offhost", followRedirects: true))
            #expect(exchange.response?.status == 302)
            #expect(exchange.failure == nil && exchange.redirects.isEmpty && exchange.requestsSent == 1)
        }
    }

    @Test("a huge body is cut at the body limit")
    func hugeBody() async throws {
        try await withProbe({ $0.maxBodyBytes = 64 << 10 }) { probe, base, _ in
            let exchange = try await probe.send(ProbeRequest(url: "\(base)/huge"))
            #expect(exchange.response?.body.count == 64 << 10)
            #expect(exchange.response?.bodyTruncated == true)
        }
    }

    @Test("an endless body is cut at the body limit and the exchange completes")
    func endlessBody() async throws {
        try await withProbe({ $0.maxBodyBytes = 256 << 10 }) { probe, base, _ in
            let exchange = try await probe.send(ProbeRequest(url: "\(base)/endless"))
            #expect(exchange.failure == nil, "\(exchange.failure?.description ?? "")")
            #expect(exchange.response?.body.count == 256 << 10)
            #expect(exchange.response?.bodyTruncated == true)
        }
    }

    @Test("a body dripped byte by byte ends in a timeout within the request timeout")
    func slowDrip() async throws {
        try await withProbe({
            $0.requestTimeoutSeconds = 1; $0.readTimeoutSeconds = 30
        }) { probe, base, _ in
            // Each byte arrives well within the read timeout: only the whole-request deadline can end it.
            let exchange = try await probe.send(ProbeRequest(url: "\(base)/drip"))
            #expect(exchange.failure?.code == .timeout, "\(exchange.failure?.description ?? "no failure")")
            #expect(exchange.failure?.message == "no complete response within 1 s")
        }
    }

    @Test("a decompression bomb is stopped at the ratio limit")
    func decompressionBomb() async throws {
        _ = await HostileRoutes.gzipBomb.value  // made before the clock starts
        try await withProbe({ $0.requestTimeoutSeconds = 10 }) { probe, base, _ in
            let exchange = try await probe.send(ProbeRequest(url: "\(base)/bomb"))
            #expect(exchange.failure?.code == .decompressionLimit)
        }
    }

    @Test("oversized response headers are a malformed response, not a crash")
    func bigHeaders() async throws {
        try await withProbe { probe, base, _ in
            let exchange = try await probe.send(ProbeRequest(url: "\(base)/big-header"))
            #expect(exchange.failure?.code == .malformedResponse)
        }
    }

    @Test("a closed port is a refused connection, reported at once")
    func refused() async throws {
        try await ClosedPort.withReserved { port in
            try await HTTPClientProbe.withProbe(configuration: ScanConfiguration()) { probe in
                let exchange = try await probe.send(ProbeRequest(url: "http://127.0.0.1:\(port)/"))
                #expect(exchange.failure?.code == .connectionRefused)
                #expect(exchange.failure?.isUnreachable == true)
            }
        }
    }

}
