import Foundation
import ScantrailCore
import ScantrailHTTP
import Testing

@Suite("The scan's callback listener, a real HTTP server on 127.0.0.1")
struct CallbackListenerTests {
    @Test("a GET of a probe URL is recorded with its peer and answered with the probe's content; others get 404")
    func answers() async throws {
        try await CallbackListener.withListening(host: "127.0.0.1") { callbacks in
            let probe = callbacks.probe()
            #expect(probe.url.hasPrefix("http://127.0.0.1:"))
            let configuration = ScanConfiguration()
            try await HTTPClientProbe.withProbe(configuration: configuration) { http in
                let hit = try await http.send(ProbeRequest(url: probe.url))
                #expect(hit.response?.status == 200)
                #expect(String(decoding: hit.response?.body ?? Data(), as: UTF8.self) == probe.content)
                let stray = try await http.send(ProbeRequest(url: callbacks.baseURL + "/admin"))
                #expect(stray.response?.status == 404)
            }
            let hits = callbacks.hits(for: [probe.token])[probe.token] ?? []
            #expect(
                hits.count == 1 && hits[0].peer == "127.0.0.1" && hits[0].userAgent?.hasPrefix("scantrail/") == true)
        }
    }

    @Test("an address that cannot be bound is said so, with the address")
    func unbindable() async throws {
        await #expect(throws: CallbackListener.StartError.self) {
            try await CallbackListener.withListening(host: "192.0.2.1", port: 1) { _ in }
        }
    }

    @Test("the address towards a loopback target is a loopback address")
    func towards() async throws {
        #expect(try await CallbackListener.localAddress(towards: "127.0.0.1", port: 80) == "127.0.0.1")
    }
}
