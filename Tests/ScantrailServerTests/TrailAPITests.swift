import Foundation
import HTTPTypes
import ScantrailApp
import ScantrailCore
import ScantrailDemo
import ScantrailReports
import ScantrailStore
import ScantrailTestSupport
import Synchronization
import Testing

@testable import ScantrailServer

@Suite("The REST API reads and changes the evidence trail, a page at a time, as the key that asks")
struct TrailAPITests {
    /// A server recording in a fresh SQLite store (signing with a fresh key when `signed`;
    /// scanning only 127.0.0.1 when `onlyAllowed`; `maxScans` at once), with an admin, a reader and
    /// a scanner key.
    static func withServer(
        signed: Bool = false, onlyAllowed: Bool = false, maxScans: Int = 4, postgres: Bool = false,
        _ body: (APIClient, (admin: String, reader: String, scanner: String), StoreSettings)
            async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("server-trail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = StoreSettings(
            location: postgres
                ? try await freshSchema() : .sqlite(path: folder.appendingPathComponent("trail.db").path),
            actor: "admin", signingKey: signed ? SigningKey.generate() : nil)
        let keys = try await store.withStore { evidence in
            (
                admin: try await evidence.createAPIKey(name: "admin", scopes: [.admin], expiresAt: nil).secret,
                reader: try await evidence.createAPIKey(name: "auditor", scopes: [.read], expiresAt: nil).secret,
                scanner: try await evidence.createAPIKey(name: "ci", scopes: [.scan], expiresAt: nil).secret
            )
        }
        var settings = WebServerTests.settings()
        settings.store = store
        settings.onlyAllowedTargets = onlyAllowed
        settings.maxConcurrentScans = maxScans
        try await WebServer.withRunning(settings) { port in try await body(APIClient(port: port), keys, store) }
    }

    /// A fresh schema on the test process's PostgreSQL server.
    static func freshSchema() async throws -> StoreLocation {
        .postgres(url: try await PostgresTestServer.shared.freshSchemaURL())
    }

    @Test(
        "a key's scan is recorded as the key; targets, counts, pages of findings and a finding's life read back",
        arguments: [false, true])
    func readTrail(postgres: Bool) async throws {
        try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { target in
            try await Self.withServer(postgres: postgres) { api, keys, _ in
                let scanned = try await api.scan("http://127.0.0.1:\(target)/", key: keys.scanner)
                #expect(scanned["status"] as? String == "finished", "\(scanned)")
                let targets = try await api.get("/api/v1/targets", key: keys.reader)
                let listed = try #require((targets.object["targets"] as? [[String: Any]])?.first)
                #expect(
                    listed["target"] as? String == "http://127.0.0.1:\(target)/" && listed["scanCount"] as? Int == 1,
                    "\(listed)")
                let counts = try await api.get("/api/v1/findings/counts", key: keys.reader).object
                let open = (counts["open"] as? [String: Int])?.values.reduce(0, +) ?? 0
                #expect(open > 2)
                var seen: [[String: Any]] = []
                var path = "/api/v1/findings?limit=2"
                for _ in 0..<50 {
                    let page = try await api.get(path, key: keys.reader)
                    #expect(page.status == 200 && page.items.count <= 2)
                    seen += page.items
                    guard let next = page.object["next"] as? String else { break }
                    path = "/api/v1/findings?limit=2&cursor=\(next)"
                }
                let fingerprints = seen.compactMap { $0["fingerprint"] as? String }
                #expect(fingerprints.count == open && Set(fingerprints).count == open)
                let life = try await api.get("/api/v1/findings/\(fingerprints[0].prefix(12))", key: keys.reader)
                #expect((life.object["entries"] as? [[String: Any]])?.first?["action"] as? String == "finding.opened")
                let scans = try await api.get(
                    "/api/v1/targets/scans?target=http://127.0.0.1:\(target)/", key: keys.reader)
                #expect(scans.items.count == 1)
                let log = try await api.get("/api/v1/audit/log?limit=500", key: keys.reader)
                let recorded = log.items.first { $0["action"] as? String == "scan.recorded" }
                #expect((recorded?["actor"] as? String)?.hasSuffix("(ci)") == true, "\(recorded ?? [:])")
                #expect(targets.headers.first("RateLimit-Policy") == #""api";q=1200;w=60"#)
                #expect(targets.headers.first("RateLimit")?.hasPrefix(#""api";r="#) == true)
            }
        }
    }

    @Test(
        "accepting needs the admin scope, lands in the audit log with the key, and leaves the open count",
        arguments: [false, true])
    func acceptFinding(postgres: Bool) async throws {
        try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { target in
            try await Self.withServer(postgres: postgres) { api, keys, _ in
                _ = try await api.scan("http://127.0.0.1:\(target)/", key: keys.scanner)
                let first = try #require(
                    try await api.get("/api/v1/findings?limit=1", key: keys.reader).items.first?["fingerprint"]
                        as? String)
                let path = "/api/v1/findings/\(first.prefix(12))/accept"
                let decision = #"{"status": "false-positive", "reason": "served by the CDN, not the API"}"#
                #expect(try await api.call("POST", path, key: keys.reader, json: decision).status == 403)
                #expect(try await api.call("POST", path, key: keys.admin, json: #"{"reason": ""}"#).status == 400)
                let accepted = try await api.call("POST", path, key: keys.admin, json: decision)
                #expect(accepted.status == 200 && accepted.object["status"] as? String == "false-positive")
                let marked = try await api.get("/api/v1/findings?status=false-positive", key: keys.reader)
                #expect(marked.items.map { $0["fingerprint"] as? String } == [first])
                let log = try await api.get("/api/v1/audit/log?limit=500", key: keys.reader)
                let entry = log.items.first { $0["action"] as? String == "finding.false-positive" }
                #expect((entry?["actor"] as? String)?.hasSuffix("(admin)") == true)
            }
        }
    }

    @Test("bad parameters are 400 problems naming them; unknown findings 404; no key on the trail 401")
    func refusals() async throws {
        try await Self.withServer { api, keys, _ in
            for path in [
                "/api/v1/findings?status=closed", "/api/v1/findings?severity=urgent", "/api/v1/findings?limit=0",
                "/api/v1/findings?cursor=nonsense", "/api/v1/audit/log?after=-1", "/api/v1/targets/scans",
                "/api/v1/findings/xyz!", "/api/v1/evidence/bundle?target=http://a.example",
            ] {
                let answer = try await api.get(path, key: keys.reader)
                #expect(answer.status == 400, "\(path)")
                #expect(answer.headers.first("Content-Type") == "application/problem+json", "\(path)")
            }
            #expect(try await api.get("/api/v1/findings/abcdef123456", key: keys.reader).status == 404)
            #expect(try await api.get("/api/v1/targets").status == 401)
            #expect(try await api.get("/api/v1/openapi.json").status == 200)
        }
    }

    @Test("an evidence bundle exports through the API, signed by the installation's key, and verifies offline")
    func bundle() async throws {
        try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { target in
            try await Self.withServer(signed: true) { api, keys, _ in
                _ = try await api.scan("http://127.0.0.1:\(target)/", key: keys.scanner)
                let day = ISO8601DateFormatter.string(
                    from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
                let tomorrow = ISO8601DateFormatter.string(
                    from: Date() + 86_400, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
                let answer = try await api.get(
                    "/api/v1/evidence/bundle?target=http://127.0.0.1:\(target)/&from=\(day)&to=\(tomorrow)",
                    key: keys.reader)
                #expect(answer.status == 200 && answer.headers.first("Content-Type") == "application/zip")
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID()).zip")
                defer { try? FileManager.default.removeItem(at: file) }
                try answer.body.write(to: file)
                let report = try EvidenceVerification.verify(bundle: file.path, keyPath: nil)
                #expect(report.isIntact)
            }
        }
    }
}

@Suite("The web service's quotas and target limits")
struct ServerLimitTests {
    @Test("anonymous scans are counted per client per hour, and refused past it with Retry-After")
    func hourlyQuota() async throws {
        try await ScriptedServer.withRunning(reply: { _ in .thenClose("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") })
        { _, target in
            var settings = WebServerTests.settings()
            settings.anonymousScansPerHour = 1
            try await WebServer.withRunning(settings) { port in
                let api = APIClient(port: port)
                _ = try await api.scan("http://127.0.0.1:\(target)/")
                let refused = try await api.call(
                    "POST", "/api/v1/scans", json: #"{"url": "http://127.0.0.1:\#(target)/"}"#)
                #expect(refused.status == 429)
                let wait = Int(refused.headers.first("Retry-After") ?? "") ?? 0
                #expect((1...3_600).contains(wait))
                #expect((refused.object["detail"] as? String)?.contains("1 scans an hour per client") == true)
            }
        }
    }

    @Test("beyond --max-scans, scans queue in order and the API and the page show each one's place")
    func queuePositions() async throws {
        try await ScriptedServer.withRunning(reply: { _ in .keepOpen("") }) { _, target in
            try await TrailAPITests.withServer(maxScans: 1) { api, keys, _ in
                var ids: [String] = []
                for _ in 0..<3 {
                    let accepted = try await api.call(
                        "POST", "/api/v1/scans", key: keys.scanner, json: #"{"url": "http://127.0.0.1:\#(target)/"}"#)
                    ids.append(try #require(accepted.object["id"] as? String))
                }
                var states: [[String: Any]] = []
                for id in ids { states.append(try await api.get("/api/v1/scans/\(id)").object) }
                #expect(states.map { $0["status"] as? String } == ["running", "queued", "queued"])
                #expect(states.map { $0["queuePosition"] as? Int } == [nil, 1, 2])
                let page = try await WebServerTests.send(ProbeRequest(url: "\(api.base)/scans/\(ids[2])"))
                #expect(WebServerTests.body(page).contains("Queued: number 2 in line."))
            }
        }
    }

    @Test("a client that leaves its request unfinished is disconnected after the idle timeout")
    func slowClient() async throws {
        var settings = WebServerTests.settings()
        settings.idleTimeoutSeconds = 1
        try await WebServer.withRunning(settings) { port in
            let script = """
                import socket, time
                s = socket.create_connection(("127.0.0.1", \(port)))
                s.sendall(b"GET / HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n")
                s.settimeout(5)
                start = time.monotonic()
                print("closed" if s.recv(1) == b"" else "answered", round(time.monotonic() - start))
                """
            let (status, output) = try await Subprocess.run(["python3", "-c", script])
            #expect(status == 0 && output.hasPrefix("closed"), "\(output)")
        }
    }

    @Test("--only-allowed-targets refuses any host not literally allowed, resolving nothing")
    func onlyAllowed() async throws {
        var settings = WebServerTests.settings()
        settings.onlyAllowedTargets = true
        settings.allowTargets = ["127.0.0.0/30"]
        try await WebServer.withRunning(settings) { port in
            let api = APIClient(port: port)
            for url in ["http://api.example.invalid/", "http://127.0.0.9:1/"] {
                let refused = try await api.call("POST", "/api/v1/scans", json: #"{"url": "\#(url)"}"#)
                #expect(refused.status == 403, "\(url)")
            }
            let described = try await api.call(
                "POST", "/api/v1/scans",
                json: #"{"url": "http://127.0.0.2:1/", "openapi": "http://docs.example.invalid/openapi.json"}"#)
            #expect(described.status == 403)
        }
    }

    @Test("shutting down ends a running scan as incomplete and records it")
    func gracefulShutdown() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("server-drain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = StoreSettings(location: .sqlite(path: folder.appendingPathComponent("trail.db").path), actor: "t")
        try await ScriptedServer.withRunning(reply: { _ in .keepOpen("") }) { _, target in
            var settings = WebServerTests.settings()
            settings.store = store
            try await WebServer.withRunning(settings) { port in
                let api = APIClient(port: port)
                let accepted = try await api.call(
                    "POST", "/api/v1/scans", json: #"{"url": "http://127.0.0.1:\#(target)/"}"#)
                let id = try #require(accepted.object["id"] as? String)
                for _ in 0..<50 {
                    let status = try await api.get("/api/v1/scans/\(id)").object
                    if (status["checksCompleted"] as? Int ?? 0) > 0 { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
        }
        let scans = try await store.withStore { try await $0.scans() }
        #expect(scans.count == 1)
        #expect(scans.first?.completion.hasPrefix("incomplete") == true, "\(scans)")
    }

    @Test("HSTS is sent when a trusted proxy says the client came over HTTPS, and not on another's word")
    func hstsBehindProxy() async throws {
        for trusted in [true, false] {
            var settings = WebServerTests.settings()
            settings.trustedProxies = trusted ? [IPAddress("127.0.0.1")!] : []
            try await WebServer.withRunning(settings) { port in
                let page = try await WebServerTests.send(
                    ProbeRequest(
                        url: "http://127.0.0.1:\(port)/",
                        headers: [HeaderField(name: "X-Forwarded-Proto", value: "https")]))
                let hsts = page.response?.headers.first("Strict-Transport-Security")
                #expect(hsts == (trusted ? "max-age=63072000; includeSubDomains" : nil))
                let plain = try await WebServerTests.send(ProbeRequest(url: "http://127.0.0.1:\(port)/"))
                #expect(plain.response?.headers.first("Strict-Transport-Security") == nil)
            }
        }
    }

    @Test("behind a trusted proxy the client is the rightmost forwarded address the proxy did not write")
    func forwardedFor() {
        let proxy = [IPAddress("10.0.0.5")!]
        #expect(
            ServerContext.client(peer: "10.0.0.5", trusting: proxy, forwardedFor: "6.6.6.6, 203.0.113.7")
                == "203.0.113.7")
        #expect(
            ServerContext.client(peer: "10.0.0.5", trusting: proxy, forwardedFor: "203.0.113.7, 10.0.0.5")
                == "203.0.113.7")
        #expect(
            ServerContext.client(peer: "198.51.100.1", trusting: proxy, forwardedFor: "203.0.113.7") == "198.51.100.1")
        #expect(ServerContext.client(peer: "10.0.0.5", trusting: proxy, forwardedFor: "not-an-address") == "10.0.0.5")
        #expect(ServerContext.client(peer: "10.0.0.5", trusting: proxy, forwardedFor: nil) == "10.0.0.5")
    }

    @Test("a quota counts uses per window, refuses past the limit without counting, and restarts")
    func rateLimiter() async {
        let clock = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        let limiter = RateLimiter(now: { clock.withLock { $0 } })
        let policy = RateLimiter.Policy(name: "api", limit: 2, window: 60)
        #expect(await limiter.use(policy, by: "a").remaining == 1)
        #expect(await limiter.use(policy, by: "a").allowed)
        let refused = await limiter.use(policy, by: "a")
        #expect(!refused.allowed && refused.remaining == 0 && refused.reset == 60)
        #expect(await limiter.use(policy, by: "b").allowed)
        var headers = HTTPFields()
        refused.apply(to: &headers)
        #expect(headers[.retryAfter] == "60" && headers[HTTPField.Name("RateLimit")!] == #""api";r=0;t=60"#)
        clock.withLock { $0 += 60 }
        #expect(await limiter.use(policy, by: "a").allowed)
    }

    @Test("a use under several names counts under all or none; peeking counts nothing")
    func rateLimiterNames() async {
        let clock = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        let limiter = RateLimiter(now: { clock.withLock { $0 } })
        let policy = RateLimiter.Policy(name: "host", limit: 1, window: 60)
        #expect(await limiter.peek(policy, by: "127.0.0.1").allowed)
        #expect(await limiter.use(policy, by: "127.0.0.1").allowed, "the peek counted nothing")
        let both = await limiter.use(policy, by: ["localhost", "127.0.0.1"])
        #expect(!both.allowed && both.remaining == 0 && both.reset == 60)
        #expect(await limiter.use(policy, by: "localhost").allowed, "the refused use counted under no name")
    }
}
