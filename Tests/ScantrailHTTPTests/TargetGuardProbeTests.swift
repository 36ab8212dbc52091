import Foundation
import HTTPTypes
import Hummingbird
import ScantrailCore
import ScantrailDemo
import ScantrailHTTP
import Synchronization
import Testing

/// The guard proven on the wire, with loopback addresses only: 127.0.0.1 is the target, and
/// 127.0.0.2 (in its decimal, hex and IPv4-mapped spellings too) is what must not be reached.
@Suite("The HTTP probe asks the target guard before every connection")
struct TargetGuardProbeTests {
    /// A server on 127.0.0.1 that counts requests and says which `Host` it was asked for.
    private static func withServer(_ body: (Int, HitCounter) async throws -> Void) async throws {
        let hits = HitCounter()
        let router = Router()
        router.get("/hop") { _, _ in
            _ = await hits.enter()
            await hits.leave()
            return Response(status: .found, headers: [.location: "/me"])
        }
        router.get("/**") { request, _ in
            _ = await hits.enter()
            await hits.leave()
            return request.head.authority ?? "no host"
        }
        try await LocalHTTPServer.withRunning(router) { port in try await body(port, hits) }
    }

    @Test(
        "outside the scope, every spelling of another loopback address is refused before any connection",
        arguments: ["127.0.0.2", "2130706434", "0x7f000002", "[::ffff:127.0.0.2]"])
    func outsideScope(host: String) async throws {
        try await Self.withServer { port, hits in
            let configuration = ScanConfiguration(scope: TargetScope(allowedHosts: ["127.0.0.1"]))
            try await HTTPClientProbe.withProbe(configuration: configuration) { probe in
                let refused = try await probe.send(ProbeRequest(url: "http://\(host):\(port)/"))
                #expect(refused.failure?.code == .refused && refused.requestsSent == 0)
                #expect(refused.inconclusiveReason?.contains("outside the scan's scope") == true)
                let allowed = try await probe.send(ProbeRequest(url: "http://127.0.0.1:\(port)/me"))
                #expect(allowed.response?.status == 200)
            }
            #expect(await hits.hits == 1)
        }
    }

    @Test(
        "hosted mode refuses the loopback target itself, in every spelling",
        arguments: ["127.0.0.1", "2130706433", "[::ffff:127.0.0.1]"])
    func hostedRefusesLoopback(host: String) async throws {
        try await Self.withServer { port, hits in
            let configuration = ScanConfiguration(scope: TargetScope(hosted: true))
            try await HTTPClientProbe.withProbe(configuration: configuration) { probe in
                let refused = try await probe.send(ProbeRequest(url: "http://\(host):\(port)/"))
                #expect(refused.inconclusiveReason?.hasSuffix("127.0.0.1, a loopback address") == true)
            }
            #expect(await hits.hits == 0)
        }
    }

    @Test("hosted mode connects to the address it checked, keeping the name in Host, for every hop of a redirect")
    func pinnedConnection() async throws {
        let lookups = Atomic<Int>(0)
        let targetGuard = TargetGuard(
            hosted: true, exempt: [IPNetwork("127.0.0.1")!],
            resolve: { _ in
                // The name "resolves" to the exempt test address once; later answers would be
                // refused, and are never asked for.
                lookups.add(1, ordering: .relaxed).oldValue == 0 ? [.v4(0x7F00_0001)] : [.v4(0x7F00_0002)]
            })
        try await Self.withServer { port, hits in
            try await HTTPClientProbe.withProbe(configuration: ScanConfiguration(), targetGuard: targetGuard) { probe in
                for path in ["/me", "/me?again", "/hop"] {
                    let exchange = try await probe.send(
                        ProbeRequest(url: "http://api.scantrail.test:\(port)\(path)", followRedirects: true))
                    // The name cannot resolve for real: an answer proves the pinned address was used.
                    #expect(
                        String(decoding: exchange.response?.body ?? Data(), as: UTF8.self)
                            == "api.scantrail.test:\(port)")
                }
            }
            #expect(await hits.hits == 4)
            #expect(lookups.load(ordering: .relaxed) == 1)
        }
    }
}
