import ScantrailCore
import Testing

@Suite("The callback recorder: unique probe URLs, only issued tokens recorded")
struct CallbackRecorderTests {
    @Test("each probe has a fresh token under the base URL and content it never shares")
    func probes() {
        let recorder = CallbackRecorder(baseURL: "https://scan.example.com/callbacks/")
        let first = recorder.probe()
        let second = recorder.probe()
        #expect(first.url == "https://scan.example.com/callbacks/\(first.token)")
        #expect(first.token != second.token && first.content != second.content)
        #expect(!first.content.contains(first.token.rawValue))
    }

    @Test("a request for an issued token is recorded and answered with its content; others are not")
    func recording() {
        let recorder = CallbackRecorder(baseURL: "http://127.0.0.1:9")
        let probe = recorder.probe()
        #expect(
            recorder.record(path: "/\(probe.token)?x=1", method: "GET", peer: "127.0.0.1", userAgent: "curl/8")
                == probe.content)
        #expect(recorder.record(path: "/\(CallbackToken.random())", method: "GET", peer: "p", userAgent: nil) == nil)
        #expect(recorder.record(path: "/favicon.ico", method: "GET", peer: "p", userAgent: nil) == nil)
        let hits = recorder.hits(for: [probe.token])[probe.token]
        #expect(hits == [CallbackHit(token: probe.token, method: "GET", peer: "127.0.0.1", userAgent: "curl/8")])
    }

    @Test("a token keeps at most 20 hits")
    func bounded() {
        let recorder = CallbackRecorder(baseURL: "http://127.0.0.1:9")
        let probe = recorder.probe()
        for _ in 0..<30 { _ = recorder.record(path: "/\(probe.token)", method: "GET", peer: "p", userAgent: nil) }
        #expect(recorder.hits(for: [probe.token])[probe.token]?.count == CallbackRecorder.maximumHitsPerToken)
    }

    @Test("tokens are 32 lowercase hexadecimal digits")
    func tokens() {
        #expect(CallbackToken(rawValue: String(repeating: "a1", count: 16)) != nil)
        for bad in ["", String(repeating: "A1", count: 16), String(repeating: "g1", count: 16), "abc"] {
            #expect(CallbackToken(rawValue: bad) == nil, "\(bad)")
        }
    }

    @Test("waiting ends as soon as every token has a hit")
    func waiting() async throws {
        let recorder = CallbackRecorder(baseURL: "http://127.0.0.1:9")
        let probe = recorder.probe()
        _ = recorder.record(path: "/\(probe.token)", method: "POST", peer: "p", userAgent: nil)
        let clock = ContinuousClock()
        let started = clock.now
        let hits = try await recorder.hits(for: [probe.token], waiting: .seconds(30))
        #expect(hits[probe.token]?.first?.method == "POST" && clock.now - started < .seconds(30))
    }
}
