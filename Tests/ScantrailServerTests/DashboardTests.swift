import Foundation
import Mustache
import ScantrailCore
import ScantrailDemo
import ScantrailHTTP
import ScantrailTestSupport
import Testing

@testable import ScantrailServer
@testable import ScantrailStore

@Suite("The dashboard's doors: sessions, scopes and form tokens")
struct DashboardTests {
    /// Signs in with `key` through the login form; the session cookie, or `nil` when refused.
    static func signIn(_ api: APIClient, key: String) async throws -> String? {
        let form = try await WebServerTests.form(api.base + "/dashboard/login")
        let exchange = try await WebServerTests.send(
            ProbeRequest(
                method: "POST", url: api.base + "/dashboard/login",
                headers: [
                    HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded"),
                    HeaderField(name: "Cookie", value: form.cookie),
                ], body: Data("key=\(key)&csrf=\(form.token)".utf8)))
        guard exchange.response?.status == 303 else { return nil }
        return exchange.response?.headers.first("Set-Cookie")?.split(separator: ";").first.map(String.init)
    }

    static func page(_ api: APIClient, _ path: String, cookie: String?, form: String? = nil) async throws
        -> HTTPExchange
    {
        try await WebServerTests.send(
            ProbeRequest(
                method: form == nil ? "GET" : "POST", url: api.base + path,
                headers: (cookie.map { [HeaderField(name: "Cookie", value: $0)] } ?? [])
                    + (form == nil
                        ? [] : [HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded")]),
                body: form.map { Data($0.utf8) }))
    }

    @Test("no session goes to sign-in; a wrong or scan-only key is refused; a read key sees the overview only")
    func doors() async throws {
        try await TrailAPITests.withServer { api, keys, _ in
            #expect(
                try await Self.page(api, "/dashboard", cookie: nil).response?.headers.first("Location")
                    == "/dashboard/login")
            #expect(try await Self.signIn(api, key: "st_k_00000000_forged") == nil)
            #expect(try await Self.signIn(api, key: keys.scanner) == nil)
            let reader = try #require(try await Self.signIn(api, key: keys.reader))
            #expect(reader.hasPrefix("__Host-scantrail_session="))
            let overview = try await Self.page(api, "/dashboard", cookie: reader)
            #expect(overview.response?.status == 200 && WebServerTests.body(overview).contains("<h1>Dashboard</h1>"))
            #expect(try await Self.page(api, "/dashboard/keys", cookie: reader).response?.status == 403)
        }
    }

    @Test("a form without the session's token changes nothing; signing out ends the session")
    func formTokens() async throws {
        try await TrailAPITests.withServer { api, keys, store in
            let admin = try #require(try await Self.signIn(api, key: keys.admin))
            let forged = try await Self.page(api, "/dashboard/keys", cookie: admin, form: "name=evil&scope=admin")
            #expect(forged.response?.status == 403)
            #expect(try await store.withStore { try await $0.apiKeys() }.count == 3)
            let keysPage = WebServerTests.body(try await Self.page(api, "/dashboard/keys", cookie: admin))
            let token = try #require(keysPage.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1)
            let made = try await Self.page(
                api, "/dashboard/keys", cookie: admin, form: "name=ci2&scope=scan&csrf=\(token)")
            #expect(WebServerTests.body(made).contains(#"<code id="secret">st_k_"#))
            let ci2 = try #require(try await store.withStore { try await $0.apiKeys() }.first { $0.name == "ci2" })
            let rotated = try await Self.page(
                api, "/dashboard/keys/\(ci2.id)/rotate", cookie: admin, form: "csrf=\(token)")
            #expect(WebServerTests.body(rotated).contains(#"<code id="secret">st_k_"#))
            let afterRotation = try await store.withStore { try await $0.apiKeys() }.filter { $0.name == "ci2" }
            #expect(afterRotation.count == 2 && afterRotation.contains { $0.id == ci2.id && $0.expiresAt != nil })
            _ = try await Self.page(api, "/dashboard/logout", cookie: admin, form: "csrf=\(token)")
            #expect(try await Self.page(api, "/dashboard", cookie: admin).response?.status == 303)
        }
    }

    @Test("a dashboard session cookie authorises no API call")
    func sessionIsNotAnAPIKey() async throws {
        try await TrailAPITests.withServer { api, keys, _ in
            let admin = try #require(try await Self.signIn(api, key: keys.admin))
            let viaCookie = try await Self.page(api, "/api/v1/targets", cookie: admin)
            #expect(viaCookie.response?.status == 401)
        }
    }

    @Test("revoking the key a session was opened with ends the session at once")
    func revocationEndsSessions() async throws {
        try await TrailAPITests.withServer { api, keys, store in
            let reader = try #require(try await Self.signIn(api, key: keys.reader))
            let id = try #require(
                try await store.withStore { try await $0.apiKeys() }.first { $0.name == "auditor" }?.id)
            try await store.withStore { _ = try await $0.revokeAPIKey(id) }
            #expect(try await Self.page(api, "/dashboard", cookie: reader).response?.status == 303)
        }
    }
}

@Suite("Submitted forms")
struct FormTests {
    @Test("fields decode plus as space and percent escapes; repeated fields keep every value")
    func decoding() {
        let form = Form(encoded: "name=ci+key&reason=a%20b%26c&scope=read&scope=scan&empty=&bare")
        #expect(form["name"] == "ci key" && form["reason"] == "a b&c")
        #expect(form.values("scope") == ["read", "scan"] && form["empty"] == "" && form["bare"] == "")
        #expect(form["missing"] == nil)
    }

    @Test("a multipart form gives its fields and its files; parts without a name are left out")
    func multipart() {
        let body = [
            "preamble", "--XyZ", #"Content-Disposition: form-data; name="url""#, "", "https://api.example.com/",
            "--XyZ", #"Content-Disposition: form-data; name="openapi_file"; filename="api.yaml""#,
            "Content-Type: application/yaml", "", "openapi: 3.1.0\r\ninfo: {}", "--XyZ",
            "Content-Disposition: form-data", "", "nameless", "--XyZ--", "",
        ].joined(separator: "\r\n")
        let form = Form(multipart: Data(body.utf8), boundary: "XyZ")
        #expect(form["url"] == "https://api.example.com/")
        #expect(form.files["openapi_file"]?.name == "api.yaml")
        #expect(
            form.files["openapi_file"].map { String(decoding: $0.data, as: UTF8.self) } == "openapi: 3.1.0\r\ninfo: {}")
        #expect(form.values("").isEmpty)
    }

    @Test("a truncated or boundary-less multipart body yields what is complete, and never fails")
    func hostileMultipart() {
        let truncated =
            "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n--b\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\ntwo"
        let form = Form(multipart: Data(truncated.utf8), boundary: "b")
        #expect(form["a"] == "one" && form["b"] == nil)
        #expect(Form(multipart: Data("no boundary here".utf8), boundary: "b")["a"] == nil)
        #expect(Form(multipart: Data([0xFF, 0x00, 0x2D, 0x2D, 0x62]), boundary: "b")["a"] == nil)
    }

    @Test("whatever a client sends is read without failing: bad escapes, spaces, non-ASCII, no fields")
    func hostileBodies() {
        #expect(Form(encoded: "key=%zz&x=%").values("key") == ["%zz"])
        #expect(Form(encoded: "key=a b\u{1F600}é<>\"")["key"] == "a b\u{1F600}é<>\"")
        #expect(Form(encoded: "")["key"] == nil && Form(encoded: "&&=&")[""] == "")
    }
}

@Suite("The Cookie header")
struct CookieHeaderTests {
    @Test("every value of a name, in order; other names, look-alikes and a missing header give none")
    func values() {
        let header = "a=1; scantrail_session=s1;scantrail_session=;  scantrail_sessionx=no; b"
        #expect(CookieHeader.values("scantrail_session", in: header) == ["s1", ""])
        #expect(CookieHeader.values("a", in: header) == ["1"] && CookieHeader.values("b", in: header).isEmpty)
        #expect(CookieHeader.values("a", in: nil).isEmpty)
        #expect(DashboardSessions.id(in: "__Host-scantrail_session=; __Host-scantrail_session=s2") == nil)
        #expect(CSRFToken.matches("t2", cookie: "__Host-scantrail_csrf=t1; __Host-scantrail_csrf=t2"))
        #expect(!CSRFToken.matches("", cookie: "__Host-scantrail_csrf=") && !CSRFToken.matches("t", cookie: nil))
    }
}

@Suite("SLA clocks as the dashboard words them")
struct SLAClockTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func finding(due: Date?, status: FindingStatus = .open, fixedAt: Date? = nil) -> TrackedFinding {
        TrackedFinding(
            fingerprint: Fingerprint(rawValue: "ab"), target: "https://api.example.com/", ruleID: "r", checkID: "c",
            severity: .high, title: "t",
            location: Location(origin: "https://api.example.com", method: "GET", path: "/"),
            status: status, firstScanID: "s", firstSeenAt: now - 86_400, lastScanID: "s", lastSeenAt: now,
            lastEvidenceSHA256: "", lastDetail: "", dueAt: due, fixedScanID: nil, fixedAt: fixedAt, reopenCount: 0,
            acceptance: nil)
    }

    @Test("overdue, due soon, no deadline, and fixed within or after it")
    func clocks() {
        let day = 86_400.0
        #expect(DashboardPages.clock(Self.finding(due: Self.now - 3 * day), at: Self.now).text == "overdue by 3 days")
        #expect(
            DashboardPages.clock(Self.finding(due: Self.now + 1.5 * day), at: Self.now).text.hasPrefix("due in 1 day (")
        )
        #expect(DashboardPages.clock(Self.finding(due: nil), at: Self.now).text == "no deadline")
        let met = Self.finding(due: Self.now, status: .fixed, fixedAt: Self.now - day)
        #expect(DashboardPages.clock(met, at: Self.now).text == "fixed within its deadline")
        let missed = Self.finding(due: Self.now - 2 * day, status: .fixed, fixedAt: Self.now - day)
        #expect(DashboardPages.clock(missed, at: Self.now).text == "fixed after its deadline")
    }
}

@Suite("Page templates")
struct PageTemplateTests {
    @Test("every template parses")
    func parse() throws {
        for (name, text) in PageTemplates.templates {
            #expect(throws: Never.self, "\(name)") { _ = try MustacheTemplate(string: text) }
        }
    }

    @Test("what a user typed comes back escaped, and no tag is left unrendered")
    func escaping() {
        let hostile = #""><script>alert(1)</script>"#
        let pages = [
            Pages.scanForm(csrf: "t", error: hostile, url: hostile, openapi: hostile),
            Pages.error(.badRequest(hostile)), DashboardPages.login(csrf: "t", error: hostile),
        ]
        for page in pages {
            #expect(!page.contains("<script>alert") && page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.contains("{{") && page.hasPrefix("<!DOCTYPE html>"))
        }
    }
}
