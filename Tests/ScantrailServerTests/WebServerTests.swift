import Foundation
import ScantrailCore
import ScantrailDemo
import ScantrailHTTP
import ScantrailTestSupport
import Testing

@testable import ScantrailServer

@Suite("The web service: the scan page, a scan followed to its report, the API, hosted-mode safety")
struct WebServerTests {
    /// Settings that may scan 127.0.0.1 (the only address tests may touch), recording nothing.
    static func settings(allowLoopback: Bool = true, deadline: Double = 30) -> ServerSettings {
        var settings = ServerSettings()
        settings.allowTargets = allowLoopback ? ["127.0.0.1"] : []
        settings.anonymousDeadlineSeconds = deadline
        return settings
    }

    /// Sends `request` to the server without following redirects, and without waiting out a 429
    /// to try again as a scan would: a test sees every refusal. A test client waits longer than a
    /// scan's for the first byte, since the whole suite shares two cores with browsers and
    /// databases: a slow answer is not what these tests judge.
    static func send(_ request: ProbeRequest) async throws -> HTTPExchange {
        var request = request
        request.retriesRateLimited = false
        var configuration = ScanConfiguration()
        configuration.limits.requestTimeoutSeconds = 90
        configuration.limits.readTimeoutSeconds = 60
        return try await HTTPClientProbe.withProbe(configuration: configuration) { [request] in
            try await $0.send(request)
        }
    }

    static func body(_ exchange: HTTPExchange) -> String {
        String(decoding: exchange.response?.body ?? Data(), as: UTF8.self)
    }

    /// The scan page's CSRF token and cookie.
    static func form(_ base: String) async throws -> (token: String, cookie: String) {
        let page = try await send(ProbeRequest(url: base + "/"))
        let html = body(page)
        let token = try #require(html.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        let cookie = try #require(page.response?.headers.first("Set-Cookie")?.split(separator: ";").first)
        return (String(token), String(cookie))
    }

    static func submit(
        _ base: String, url: String, openapi: String? = nil, consent: Bool = true,
        csrf: (token: String, cookie: String)?
    ) async throws -> HTTPExchange {
        func encoded(_ value: String) -> String { value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
        let fields =
            ["url=\(encoded(url))"] + (openapi.map { ["openapi=\(encoded($0))"] } ?? [])
            + (consent ? ["consent=yes"] : []) + (csrf.map { ["csrf=\($0.token)"] } ?? [])
        return try await send(
            ProbeRequest(
                method: "POST", url: base + "/scans",
                headers: [HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded")]
                    + (csrf.map { [HeaderField(name: "Cookie", value: $0.cookie)] } ?? []),
                body: Data(fields.joined(separator: "&").utf8)))
    }

    /// Polls the API until the scan ends (bounded: 150 polls, 200 ms apart).
    static func finished(_ base: String, _ id: String) async throws -> [String: Any] {
        for _ in 0..<150 {
            let status = try await send(ProbeRequest(url: "\(base)/api/v1/scans/\(id)"))
            let object = try JSONSerialization.jsonObject(with: status.response?.body ?? Data()) as? [String: Any]
            if let state = object?["status"] as? String, state == "finished" || state == "failed" {
                return object ?? [:]
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("the scan did not end")
        return [:]
    }

    @Test("the scan page has a form with a CSRF token, and every answer (a 404 too) its security headers and no banner")
    func scanPage() async throws {
        try await WebServer.withRunning(Self.settings()) { port in
            let page = try await Self.send(ProbeRequest(url: "http://127.0.0.1:\(port)/"))
            let headers = try #require(page.response?.headers)
            #expect(page.response?.status == 200)
            #expect(Self.body(page).contains(#"<form method="post" action="/scans" enctype="multipart/form-data">"#))
            #expect(Self.body(page).contains("I am allowed to test this API"))
            #expect(headers.first("Content-Security-Policy")?.hasPrefix("default-src 'none'") == true)
            #expect(headers.first("X-Frame-Options") == "DENY" && headers.first("X-Content-Type-Options") == "nosniff")
            #expect(headers.first("Server") == nil)
            let cookie = try #require(headers.first("Set-Cookie"))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Secure"))
            // The form's action read with GET, and any unknown path: a 404 carries them too.
            for path in ["/scans", "/no-such-page"] {
                let missing = try await Self.send(ProbeRequest(url: "http://127.0.0.1:\(port)\(path)"))
                #expect(missing.response?.status == 404)
                #expect(missing.response?.headers.first("X-Content-Type-Options") == "nosniff", "\(path)")
                #expect(
                    missing.response?.headers.first("Content-Security-Policy")?.hasPrefix("default-src 'none'") == true)
            }
        }
    }

    @Test("a form without its CSRF cookie, or without consent, starts nothing")
    func refusedForms() async throws {
        try await WebServer.withRunning(Self.settings()) { port in
            let base = "http://127.0.0.1:\(port)"
            let forged = try await Self.submit(base, url: "http://127.0.0.1:1/", csrf: nil)
            #expect(forged.response?.status == 403)
            let noConsent = try await Self.submit(
                base, url: "http://127.0.0.1:1/", consent: false, csrf: try await Self.form(base))
            #expect(noConsent.response?.status == 400 && Self.body(noConsent).contains("Confirm that you are allowed"))
        }
    }

    @Test("pasting a URL starts the scan at once; its unguessable link shows progress, then the report")
    func anonymousFlow() async throws {
        try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { target in
            try await WebServer.withRunning(Self.settings()) { port in
                let base = "http://127.0.0.1:\(port)"
                let submitted = try await Self.submit(
                    base, url: "http://127.0.0.1:\(target)/", csrf: try await Self.form(base))
                #expect(submitted.response?.status == 303)
                let location = try #require(submitted.response?.headers.first("Location"))
                let id = String(location.dropFirst("/scans/".count))
                #expect(id.count == 22)
                let status = try await Self.finished(base, id)
                #expect(status["status"] as? String == "finished", "\(status)")
                let page = try await Self.send(ProbeRequest(url: base + location))
                #expect(Self.body(page).contains("<h1>API security report</h1>"))
                #expect(Self.body(page).contains("Strict-Transport-Security") || Self.body(page).contains("cleartext"))
                let sarif = try await Self.send(ProbeRequest(url: "\(base)/api/v1/scans/\(id)/report?format=sarif"))
                #expect(sarif.response?.headers.first("Content-Type") == "application/sarif+json")
                let events = try await Self.send(ProbeRequest(url: "\(base)/scans/\(id)/events"))
                #expect(Self.body(events).contains("event: end"))
                let unknown = try await Self.send(ProbeRequest(url: "\(base)/scans/AAAAAAAAAAAAAAAAAAAAAA"))
                #expect(unknown.response?.status == 404)
            }
        }
    }

    @Test("an OpenAPI URL on the scan page drives the documented-operation checks of the anonymous scan")
    func describedScan() async throws {
        try await LocalHTTPServer.withRunning(AccountsAPI.router(.flawed)) { target in
            try await WebServer.withRunning(Self.settings()) { port in
                let base = "http://127.0.0.1:\(port)"
                let csrf = try await Self.form(base)
                let described = "http://127.0.0.1:\(target)/openapi.json"
                let submitted = try await Self.send(
                    ProbeRequest(
                        method: "POST", url: base + "/scans",
                        headers: [
                            HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded"),
                            HeaderField(name: "Cookie", value: csrf.cookie),
                        ],
                        body: Data(
                            "url=http%3A%2F%2F127.0.0.1%3A\(target)%2F&openapi=\(described.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&consent=yes&csrf=\(csrf.token)"
                                .utf8)))
                let id = String(try #require(submitted.response?.headers.first("Location")).dropFirst("/scans/".count))
                #expect(try await Self.finished(base, id)["status"] as? String == "finished")
                let report = try await Self.send(ProbeRequest(url: "\(base)/api/v1/scans/\(id)/report?format=json"))
                let json = try JSONSerialization.jsonObject(with: report.response?.body ?? Data()) as? [String: Any]
                let checks = (json?["checks"] as? [[String: Any]] ?? []).compactMap { $0["checkId"] as? String }
                #expect(checks.contains("auth.authentication") && checks.contains("inventory.drift"), "\(checks)")
            }
        }
    }

    /// Posts the scan form as `multipart/form-data` with `description` as the uploaded file.
    static func upload(_ base: String, url: String, description: String) async throws -> HTTPExchange {
        let csrf = try await form(base)
        let parts = [
            ("url", nil, url), ("consent", nil, "yes"), ("csrf", nil, csrf.token),
            ("openapi_file", "openapi.json", description),
        ]
        let body =
            parts.map { name, file, value in
                "--BOUNDARY\r\nContent-Disposition: form-data; name=\"\(name)\""
                    + (file.map { "; filename=\"\($0)\"" } ?? "") + "\r\n\r\n\(value)\r\n"
            }.joined() + "--BOUNDARY--\r\n"
        return try await send(
            ProbeRequest(
                method: "POST", url: base + "/scans",
                headers: [
                    HeaderField(name: "Content-Type", value: "multipart/form-data; boundary=BOUNDARY"),
                    HeaderField(name: "Cookie", value: csrf.cookie),
                ], body: Data(body.utf8)))
    }

    @Test("an uploaded OpenAPI description drives the documented-operation checks")
    func uploadedDescription() async throws {
        try await LocalHTTPServer.withRunning(AccountsAPI.router(.flawed)) { target in
            let document = Self.body(try await Self.send(ProbeRequest(url: "http://127.0.0.1:\(target)/openapi.json")))
            try await WebServer.withRunning(Self.settings()) { port in
                let base = "http://127.0.0.1:\(port)"
                let submitted = try await Self.upload(base, url: "http://127.0.0.1:\(target)/", description: document)
                let location = try #require(submitted.response?.headers.first("Location"), "\(Self.body(submitted))")
                let id = String(location.dropFirst("/scans/".count))
                #expect(try await Self.finished(base, id)["status"] as? String == "finished")
                let report = try await Self.send(ProbeRequest(url: "\(base)/api/v1/scans/\(id)/report?format=json"))
                let json = try JSONSerialization.jsonObject(with: report.response?.body ?? Data()) as? [String: Any]
                let checks = (json?["checks"] as? [[String: Any]] ?? []).compactMap { $0["checkId"] as? String }
                #expect(checks.contains("auth.authentication"), "\(checks)")
            }
        }
    }

    @Test("an uploaded description that refers to another document is refused, and the reference never fetched")
    func uploadedReferenceRefused() async throws {
        try await ScriptedServer.withRunning(reply: { _ in .thenClose("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
        }) {
            server, port in
            let document = """
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"parameters": \
                [{"$ref": "http://127.0.0.1:\(port)/secret.json#/p"}], "responses": {"200": {"description": "ok"}}}}}}
                """
            try await WebServer.withRunning(Self.settings()) { web in
                let answer = try await Self.upload(
                    "http://127.0.0.1:\(web)", url: "http://127.0.0.1:\(web)/", description: document)
                #expect(answer.response?.status == 400, "\(Self.body(answer))")
                #expect(Self.body(answer).contains("must stand alone"))
            }
            #expect(server.connectionsAccepted == 0)
        }
    }

    @Test("in hosted mode a loopback target outside --allow-target is refused and never contacted")
    func hostedRefusal() async throws {
        try await ScriptedServer.withRunning(reply: { _ in .thenClose("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") })
        {
            server, target in
            try await WebServer.withRunning(Self.settings(allowLoopback: false)) { port in
                let base = "http://127.0.0.1:\(port)"
                let accepted = try await Self.send(
                    ProbeRequest(
                        method: "POST", url: "\(base)/api/v1/scans",
                        headers: [HeaderField(name: "Content-Type", value: "application/json")],
                        body: Data(#"{"url": "http://127.0.0.1:\#(target)/"}"#.utf8)))
                #expect(accepted.response?.status == 202)
                let id = try #require(
                    (try JSONSerialization.jsonObject(with: accepted.response?.body ?? Data()) as? [String: Any])?["id"]
                        as? String)
                let status = try await Self.finished(base, id)
                #expect(status["status"] as? String == "failed")
                #expect((status["reason"] as? String)?.contains("loopback address") == true, "\(status)")
            }
            #expect(server.connectionsAccepted == 0)
        }
    }

    @Test("one active scan per client; the API answers problems as application/problem+json")
    func limits() async throws {
        try await ScriptedServer.withRunning(reply: { _ in .keepOpen("") }) { _, target in
            try await WebServer.withRunning(Self.settings(deadline: 3)) { port in
                let base = "http://127.0.0.1:\(port)"
                func submit(_ body: String) async throws -> HTTPExchange {
                    try await Self.send(
                        ProbeRequest(
                            method: "POST", url: "\(base)/api/v1/scans",
                            headers: [HeaderField(name: "Content-Type", value: "application/json")],
                            body: Data(body.utf8)))
                }
                let first = try await submit(#"{"url": "http://127.0.0.1:\#(target)/"}"#)
                #expect(first.response?.status == 202)
                let second = try await submit(#"{"url": "http://127.0.0.1:\#(target)/"}"#)
                #expect(second.response?.status == 429)
                #expect(second.response?.headers.first("Content-Type") == "application/problem+json")
                let malformed = try await submit("not json")
                #expect(malformed.response?.status == 400)
                let problem =
                    try JSONSerialization.jsonObject(with: malformed.response?.body ?? Data()) as? [String: Any]
                #expect(problem?["status"] as? Int == 400 && problem?["title"] != nil)
            }
        }
    }
}

@Suite("Hosted mode through the web service, proven with loopback addresses outside --allow-target")
struct HostedModeServerTests {
    /// Submits `url` through the API and waits for the scan to end.
    static func scan(_ url: String, port: Int) async throws -> [String: Any] {
        let base = "http://127.0.0.1:\(port)"
        let accepted = try await WebServerTests.send(
            ProbeRequest(
                method: "POST", url: "\(base)/api/v1/scans",
                headers: [HeaderField(name: "Content-Type", value: "application/json")],
                body: Data(#"{"url": "\#(url)"}"#.utf8)))
        let id = try #require(
            (try JSONSerialization.jsonObject(with: accepted.response?.body ?? Data()) as? [String: Any])?["id"]
                as? String,
            "\(WebServerTests.body(accepted))")
        return try await WebServerTests.finished(base, id)
    }

    @Test(
        "127.0.0.2 in every spelling is refused and never contacted while 127.0.0.1 is allowed",
        arguments: ["127.0.0.2", "2130706434", "0x7f000002", "[::ffff:127.0.0.2]"])
    func spellings(host: String) async throws {
        try await ScriptedServer.withRunning(host: "127.0.0.2", reply: { _ in .thenClose("HTTP/1.1 200 OK\r\n\r\n") }) {
            forbidden, forbiddenPort in
            try await WebServer.withRunning(WebServerTests.settings()) { port in
                let status = try await Self.scan("http://\(host):\(forbiddenPort)/", port: port)
                #expect(status["status"] as? String == "failed", "\(status)")
                #expect((status["reason"] as? String)?.contains("loopback address") == true, "\(status)")
            }
            #expect(forbidden.connectionsAccepted == 0)
        }
    }

    @Test("an allowed target redirecting to a refused address: the scan runs, the redirect is never followed there")
    func redirect() async throws {
        try await ScriptedServer.withRunning(host: "127.0.0.2", reply: { _ in .thenClose("HTTP/1.1 200 OK\r\n\r\n") }) {
            forbidden, forbiddenPort in
            let hop = "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.2:\(forbiddenPort)/\r\nContent-Length: 0\r\n\r\n"
            try await ScriptedServer.withRunning(reply: { _ in .thenClose(hop) }) { _, target in
                try await WebServer.withRunning(WebServerTests.settings()) { port in
                    let status = try await Self.scan("http://127.0.0.1:\(target)/", port: port)
                    #expect(status["status"] as? String == "finished", "\(status)")
                }
            }
            #expect(forbidden.connectionsAccepted == 0)
        }
    }
}
