import Foundation
import Hummingbird
import ScantrailApp
import ScantrailCore
import ScantrailDemo
import ScantrailHTTP
import ScantrailReports
import ScantrailStore
import ScantrailTestSupport
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

    /// Settings trusting the test as a reverse proxy, so each request names its client in
    /// `X-Forwarded-For` (a header only: nothing is sent to those addresses).
    static func proxied(_ change: (inout ServerSettings) -> Void = { _ in }) -> ServerSettings {
        var settings = WebServerTests.settings()
        settings.trustedProxies = [IPAddress("127.0.0.1")!]
        change(&settings)
        return settings
    }

    static func post(
        _ base: String, _ path: String, client: String = "192.0.2.1", headers: [HeaderField] = [], body: String
    ) async throws -> HTTPExchange {
        try await WebServerTests.send(
            ProbeRequest(
                method: "POST", url: base + path,
                headers: headers + [HeaderField(name: "X-Forwarded-For", value: client)],
                body: Data(body.utf8)))
    }

    static let json = [HeaderField(name: "Content-Type", value: "application/json")]

    @Test("bodies: each route reads only what it allows and answers 413, the form's cookie is asked for first")
    func bodies() async throws {
        try await WebServer.withRunning(Self.proxied()) { port in
            let base = "http://127.0.0.1:\(port)"
            let csrf = try await WebServerTests.form(base)
            let form = [
                HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded"),
                HeaderField(name: "Cookie", value: csrf.cookie),
            ]
            let padding = String(repeating: "a", count: 17 << 10)
            let large = try await Self.post(base, "/scans", headers: form, body: "csrf=\(csrf.token)&pad=\(padding)")
            #expect(large.response?.status == 413, "\(WebServerTests.body(large))")
            // Without the page's cookie nothing is read: a 5 MiB upload is refused as a forgery.
            let upload = [HeaderField(name: "Content-Type", value: "multipart/form-data; boundary=B")]
            let forged = try await Self.post(
                base, "/scans", headers: upload, body: String(repeating: "b", count: 5 << 20))
            #expect(forged.response?.status == 403)
            let api = try await Self.post(base, "/api/v1/scans", headers: Self.json, body: #"{"url": "\#(padding)"}"#)
            #expect(api.response?.status == 413)
            #expect(api.response?.headers.first("Content-Type") == "application/problem+json")
            let login = try await Self.post(
                base, "/dashboard/login", headers: form, body: "csrf=\(csrf.token)&key=\(padding)")
            #expect(login.response?.status == 413)
        }
    }

    @Test("an uploaded alias bomb is refused unexpanded, and not even read from a client out of scans")
    func uploadedBomb() async throws {
        var lines = [
            "openapi: 3.0.3", "info: {title: t, version: '1'}", "paths: {}",
            "x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]",
        ]
        for level in 1..<10 {
            lines.append(
                "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        let bomb = lines.joined(separator: "\n") + "\n"
        try await WebServer.withRunning(Self.proxied { $0.anonymousScansPerHour = 1 }) { port in
            let base = "http://127.0.0.1:\(port)"
            let refused = try await WebServerTests.upload(base, url: "http://127.0.0.1:1/", description: bomb)
            #expect(refused.response?.status == 400)
            #expect(
                WebServerTests.body(refused).contains("holds more than 2000000 values once its aliases are expanded"))
            // The one scan of the hour was counted before the upload was parsed; the next upload is
            // refused before its body is read.
            let again = try await WebServerTests.upload(base, url: "http://127.0.0.1:1/", description: bomb)
            #expect(again.response?.status == 429)
            #expect(again.response?.headers.first("Retry-After") != nil)
        }
    }

    @Test("an unknown target's evidence bundle is a 404, not a failure of the server")
    func unknownBundle() async throws {
        try await TrailAPITests.withServer(signed: true) { api, keys, _ in
            let answer = try await api.get(
                "/api/v1/evidence/bundle?target=http://unknown.example/&from=2026-01-01&to=2026-02-01", key: keys.reader
            )
            #expect(answer.status == 404, "\(String(decoding: answer.body, as: UTF8.self))")
        }
    }

    @Test("a target host's hourly quota holds however the host is spelled: 127.0.0.1, 127.1, 0x7f.1")
    func respelledHosts() async throws {
        try await ScriptedServer.withRunning(reply: { _ in .thenClose("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") })
        { _, target in
            try await WebServer.withRunning(Self.proxied { $0.anonymousScansPerHostPerHour = 2 }) { port in
                let base = "http://127.0.0.1:\(port)"
                var answers: [Int] = []
                for (index, host) in ["127.0.0.1", "127.1", "0x7f.1"].enumerated() {
                    let answer = try await Self.post(
                        base, "/api/v1/scans", client: "192.0.2.\(index + 1)", headers: Self.json,
                        body: #"{"url": "http://\#(host):\#(target)/"}"#)
                    answers.append(answer.response?.status ?? 0)
                    if answer.response?.status == 429 {
                        #expect(Int(answer.response?.headers.first("Retry-After") ?? "").map { $0 > 0 } == true)
                        #expect(WebServerTests.body(answer).contains("this host was scanned 2 times this hour"))
                    }
                }
                #expect(answers == [202, 202, 429])
            }
        }
    }

    @Test("the quota keys of a name are its canonical spelling and the addresses it resolves to")
    func quotaKeys() async {
        #expect(await ScanAPI.quotaKeys(of: "0x7f.1") == ["127.0.0.1"])
        #expect(await ScanAPI.quotaKeys(of: "LOCALHOST.").contains("127.0.0.1"))
        #expect(await ScanAPI.quotaKeys(of: "LOCALHOST.").first == "localhost")
    }

    @Test("one key cannot fill the queue: past its share it gets 429 with Retry-After, and others still get in")
    func queueShare() async throws {
        try await ScriptedServer.withRunning(reply: { _ in .keepOpen("") }) { _, target in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("share-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = StoreSettings(
                location: .sqlite(path: folder.appendingPathComponent("trail.db").path), actor: "admin")
            let (first, second) = try await store.withStore { evidence in
                (
                    try await evidence.createAPIKey(name: "ci", scopes: [.scan], expiresAt: nil).secret,
                    try await evidence.createAPIKey(name: "other", scopes: [.scan], expiresAt: nil).secret
                )
            }
            let settings = Self.proxied {
                $0.store = store
                $0.maxConcurrentScans = 1
                $0.maxActiveScansPerKey = 2
                $0.keyDeadlineSeconds = 120
            }
            try await WebServer.withRunning(settings) { port in
                let api = APIClient(port: port)
                let body = #"{"url": "http://127.0.0.1:\#(target)/"}"#
                var answers: [APIClient.Answer] = []
                for _ in 0..<3 { answers.append(try await api.call("POST", "/api/v1/scans", key: first, json: body)) }
                #expect(answers.map(\.status) == [202, 202, 429])
                #expect(Int(answers[2].headers.first("Retry-After") ?? "") == 60)
                #expect(try await api.call("POST", "/api/v1/scans", key: second, json: body).status == 202)
                let anonymous = try await Self.post(
                    "http://127.0.0.1:\(port)", "/api/v1/scans", headers: Self.json, body: body)
                #expect(anonymous.response?.status == 202)
                let again = try await Self.post(
                    "http://127.0.0.1:\(port)", "/api/v1/scans", headers: Self.json, body: body)
                #expect(again.response?.status == 429)
                #expect(Int(again.response?.headers.first("Retry-After") ?? "").map { $0 > 0 } == true)
            }
        }
    }

    @Test("a tarpit cannot stretch a scan: references that trickle in are cut off at the hard deadline")
    func tarpit() async throws {
        // Every reference answers its headers, then never the body it promised.
        try await ScriptedServer.withRunning(reply: { _ in
            .keepOpen("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
        }) { _, tarpit in
            let references = (1...4).map { #"{"$ref": "http://127.0.0.1:\#(tarpit)/p\#($0).json#/p"}"# }
            let document = """
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {
                "parameters": [\(references.joined(separator: ", "))], "responses": {"200": {"description": "ok"}}}}}}
                """
            let router = Router()
            router.get("/openapi.json") { _, _ in document }
            try await LocalHTTPServer.withRunning(router) { api in
                try await WebServer.withRunning(Self.proxied { $0.anonymousDeadlineSeconds = 1 }) { port in
                    let base = "http://127.0.0.1:\(port)"
                    let accepted = try await Self.post(
                        base, "/api/v1/scans", headers: Self.json,
                        body:
                            #"{"url": "http://127.0.0.1:\#(api)/", "openapi": "http://127.0.0.1:\#(api)/openapi.json"}"#
                    )
                    let id = try #require(
                        (try JSONSerialization.jsonObject(with: accepted.response?.body ?? Data()) as? [String: Any])?[
                            "id"] as? String)
                    // Four references at ten seconds each would hold the slot for 40 s; the
                    // polls give up after 30.
                    let status = try await WebServerTests.finished(base, id)
                    #expect(status["status"] as? String == "failed", "\(status)")
                    #expect((status["reason"] as? String)?.contains("did not end within 6 s") == true, "\(status)")
                }
            }
        }
    }

    @Test("wrong API keys and dashboard sign-ins are counted per client: past the limit, 429 even for a right key")
    func guessedKeys() async throws {
        try await TrailAPITests.withServer { api, keys, _ in
            for attempt in 0..<10 {
                let wrong = try await api.call(
                    "GET", "/api/v1/findings", key: "st_k_\(String(format: "%08d", attempt))_guess")
                #expect(wrong.status == 401)
            }
            let refused = try await api.get("/api/v1/findings", key: keys.reader)
            #expect(refused.status == 429)
            #expect(Int(refused.headers.first("Retry-After") ?? "").map { $0 > 0 } == true)
            let base = api.base
            let csrf = try await WebServerTests.form(base)
            let login = try await Self.post(
                base, "/dashboard/login",
                headers: [
                    HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded"),
                    HeaderField(name: "Cookie", value: csrf.cookie),
                ], body: "csrf=\(csrf.token)&key=\(keys.reader)")
            // Not behind a trusted proxy here: the forwarded address is ignored, the client is 127.0.0.1.
            #expect(login.response?.status == 429)
        }
    }
}
