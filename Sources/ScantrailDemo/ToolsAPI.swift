import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ScantrailCore

/// A developer-tools API — avatars fetched from a URL, link previews, a ping diagnostic, a
/// newsletter sign-up — with two faces: `.flawed` fetches whatever URL it is handed, pastes the
/// ping host into a (pretend, ``DemoShell``) shell command line, and validates emails with a
/// pattern that backtracks exponentially; `.hardened` fetches nothing it is handed, runs no
/// shell, and validates in linear time. Both fetch only on this machine (``DemoFetch``).
public enum ToolsAPI {
    /// Which face the API shows.
    public enum Profile: Sendable {
        /// The flaws listed in ``router(_:)``.
        case flawed
        /// The same API done right.
        case hardened
    }

    /// The token of dana, the one account (avatars are per account).
    static let token = "7c1e9b40-tools-session-dana"

    /// The one host the hardened face takes images and previews from (it fetches neither: it
    /// queues them for a worker that does).
    static let imageHost = "cdn.example.test"

    /// The routes. The flawed face
    /// - fetches `image_url` of `POST /avatars` (blind SSRF: it answers how many bytes it stored),
    /// - fetches `url` of `GET /link-preview` and answers what it read (full-read SSRF),
    /// - runs `ping -c 1 <host>` through a shell for `host` of `GET /diagnostics/ping`,
    /// - validates `email` of `POST /newsletter` as a backtracking engine runs `^([a-z0-9]+)*@[a-z0-9.]+$`.
    ///
    /// The flawed face also serves its description to anyone, and its environment at the
    /// undocumented `GET /debug/env`. Both faces carry the hardened
    /// security headers; the demo's only other flaw is cleartext.
    public static func router(_ profile: Profile) -> Router<BasicRequestContext> {
        let flawed = profile == .flawed
        let router = Router()
        router.add(middleware: ResponseHeadersMiddleware(headers: DemoAPI.responseHeaders(.hardened)))
        router.get("/") { _, _ in json(.ok, #"{"name":"Tools API","documentation":"/openapi.json"}"#) }
        // The hardened face keeps its description to itself (scans are given it). The flawed
        // one also kept a debugging route its description leaves out (the values are made up).
        if flawed {
            router.get("/openapi.json") { _, _ in json(.ok, document) }
            router.get("/debug/env") { _, _ in
                json(
                    .ok,
                    #"{"APP_ENV":"production","AWS_ACCESS_KEY_ID":"AKIA2DEMO7TOOLS00042","DATABASE_URL":"postgres://tools:Tr0ub4dor-demo@db.internal/tools"}"#
                )
            }
        }
        router.post("/avatars") { request, _ in
            guard request.headers[.authorization] == "Bearer \(token)" else {
                return json(.unauthorized, #"{"error":"sign in first"}"#)
            }
            guard let url = try await DemoJSON.stringFields(of: request)["image_url"] else {
                return json(.badRequest, #"{"error":"image_url is required"}"#)
            }
            guard flawed else {
                return allowed(url)
                    ? json(.accepted, #"{"status":"queued"}"#)
                    : json(.unprocessableContent, #"{"error":"images are taken from \#(imageHost) only"}"#)
            }
            let stored = (try? await DemoFetch.body(of: url))?.utf8.count ?? 0
            return json(.created, #"{"stored":true,"bytes":\#(stored)}"#)
        }
        router.get("/link-preview") { request, _ in
            let url = request.uri.queryParameters["url"].map(String.init) ?? ""
            guard flawed else {
                return allowed(url)
                    ? json(.ok, #"{"title":null,"status":"queued"}"#)
                    : json(.unprocessableContent, #"{"error":"previews are made for \#(imageHost) only"}"#)
            }
            let text = (try? await DemoFetch.body(of: url)) ?? ""
            return json(.ok, #"{"preview":\#(DemoJSON.quoted(String(text.prefix(500))))}"#)
        }
        router.get("/diagnostics/ping") { request, _ in
            let host = request.uri.queryParameters["host"].map(String.init) ?? "example.com"
            guard flawed else {
                guard isHostName(host) else { return json(.badRequest, #"{"error":"not a host name"}"#) }
                return json(.ok, #"{"output":"PING \#(host): 1 packets transmitted, 1 packets received"}"#)
            }
            let ran = await DemoShell.run("ping -c 1 " + host)
            return json(.ok, #"{"output":\#(DemoJSON.quoted(ran.output)),"status":\#(ran.status)}"#)
        }
        router.post("/newsletter") { request, _ in
            let email = try await DemoJSON.stringFields(of: request)["email"] ?? ""
            let valid = flawed ? await backtrackingMatch(email) : linearMatch(email)
            return valid
                ? json(.accepted, #"{"status":"subscribed"}"#)
                : json(.unprocessableContent, #"{"error":"not an email address"}"#)
        }
        return router
    }

    /// Whether the hardened face takes `url`: https on ``imageHost``.
    private static func allowed(_ url: String) -> Bool {
        let components = URLComponents(string: url)
        return components?.scheme == "https" && components?.host == imageHost
    }

    /// Letters, digits, dots and hyphens only.
    private static func isHostName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 253
            && text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "." || $0 == "-" }
            && text.allSatisfy(\.isASCII)
    }

    /// How long one step of a backtracking engine takes, in nanoseconds.
    static let stepNanoseconds: Int64 = 20
    /// The longest the validator stalls, as engines with a backtracking limit give up.
    static let backtrackingLimit = Duration.seconds(12)

    /// `^([a-z0-9]+)*@[a-z0-9.]+$` as a backtracking engine runs it: an address it refuses
    /// whose local part starts with a run of n letters costs 2ⁿ steps (every way of splitting the
    /// run into groups is tried before `@` is found missing). The demo waits the time those steps
    /// take instead of burning them, so it stalls like the real thing without loading the
    /// machine it runs on.
    private static func backtrackingMatch(_ email: String) async -> Bool {
        if linearMatch(email) { return true }
        // Beyond 32 letters the limit is long reached; below, 2ⁿ steps fit in 64 bits.
        let run = min(email.prefix { $0.isASCII && ($0.isLowercase || $0.isNumber) }.count, 32)
        try? await Task.sleep(for: min(.nanoseconds((Int64(1) << run) * stepNanoseconds), backtrackingLimit))
        return false
    }

    /// The same language, checked in one pass.
    private static func linearMatch(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        func word(_ character: Character) -> Bool { character.isASCII && (character.isLowercase || character.isNumber) }
        return parts.count == 2 && email.count <= 254 && parts[0].allSatisfy(word)
            && !parts[1].isEmpty && parts[1].allSatisfy { word($0) || $0 == "." }
    }

    private static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        DemoJSON.response(status, body)
    }
}
