import Foundation
import ScantrailCore

/// Judges the flags of every cookie the base URL and, with a description, every documented
/// operation sets: `Secure`, `HttpOnly` and `SameSite`. Cookies that look like sessions or
/// credentials weigh more. A cookie set by one operation (`/session`) is a finding there; one
/// every operation sets is a finding for the host (``HostWide``).
public struct CookieCheck: SecurityCheck {
    public typealias Evidence = SurfaceEvidence

    /// Cookie names that mark a session or a credential (matched case-insensitively, as parts).
    static let sessionMarkers = ["sess", "sid", "token", "auth", "jwt", "login", "remember", "csrf", "xsrf"]

    private let scope: SurfaceScope

    /// A check of the base URL and of what `scope` adds: the documented operations, or the
    /// places the scan learns.
    public init(_ scope: SurfaceScope = .baseURL) {
        self.scope = scope
    }

    public static let metadata = CheckMetadata(
        id: "headers.cookies",
        title: "Cookie flags",
        rules: [Rules.sessionFlags, Rules.flags, Rules.sameSite]
    )

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> SurfaceEvidence {
        try await .collect(target, scope: scope, context: context, followRedirects: true)
    }

    /// Judges every cookie each answer sets; and, per rule and place, says that no other cookie
    /// is set there (not applicable), which closes findings about cookies that are gone. Without
    /// an answer every rule is inconclusive there: a failed fetch proves no cookie gone.
    public func evaluate(_ evidence: SurfaceEvidence) -> [Outcome] {
        evidence.judged(Self.metadata.rules) { response, _, location in
            let cookies = response.headers.all("Set-Cookie").compactMap(SetCookie.init)
            let place = "\(location.method ?? "GET") \(location.path)"
            let absent =
                cookies.isEmpty
                ? "no cookie is set at \(place)" : "no cookie other than those judged is set at \(place)"
            return cookies.flatMap { cookie in judge(cookie, at: location.with(discriminator: cookie.name)) }
                + Self.metadata.rules.map { .notApplicable($0, at: location, absent) }
        }
    }

    private func judge(_ cookie: SetCookie, at location: Location) -> [Outcome] {
        let lowered = cookie.name.lowercased()
        let isSession = Self.sessionMarkers.contains { lowered.contains($0) }
        var missing: [String] = []
        if !cookie.attributes.keys.contains("secure") { missing.append("Secure") }
        if !cookie.attributes.keys.contains("httponly") { missing.append("HttpOnly") }
        let flagsRule = isSession ? Rules.sessionFlags : Rules.flags
        let kind = isSession ? "session-looking cookie" : "cookie"
        let flags =
            missing.isEmpty
            ? Outcome.passed(flagsRule, at: location, "\(kind) \(cookie.name) is Secure and HttpOnly")
            : Outcome.failed(
                flagsRule, at: location, "\(kind) \(cookie.name) lacks \(missing.joined(separator: " and "))")
        let sameSite = cookie.attributes["samesite"]?.lowercased()
        let sameSiteOutcome: Outcome
        switch sameSite {
        case "strict", "lax":
            sameSiteOutcome = .passed(Rules.sameSite, at: location, "\(cookie.name): SameSite=\(sameSite ?? "")")
        case "none" where cookie.attributes.keys.contains("secure"):
            sameSiteOutcome = .passed(
                Rules.sameSite, at: location, "\(cookie.name): SameSite=None; Secure (cross-site on purpose)")
        case "none":
            sameSiteOutcome = .failed(
                Rules.sameSite, at: location, "\(cookie.name): SameSite=None without Secure is rejected by browsers")
        default:
            sameSiteOutcome = .failed(Rules.sameSite, at: location, "\(cookie.name) sets no SameSite attribute")
        }
        return [flags, sameSiteOutcome]
    }
}

/// The name and attributes of one `Set-Cookie` header (the value is not needed, and is
/// redacted in stored evidence anyway).
struct SetCookie {
    let name: String
    /// Lower-cased attribute names, with their values (empty for flags).
    let attributes: [String: String]

    init?(_ header: String) {
        let parts = header.split(separator: ";").map { $0.trimmed }
        guard let first = parts.first, let equals = first.firstIndex(of: "=") else { return nil }
        name = String(first[..<equals]).trimmed
        guard !name.isEmpty else { return nil }
        var attributes: [String: String] = [:]
        for part in parts.dropFirst() {
            let pieces = part.split(separator: "=", maxSplits: 1).map { String($0).trimmed }
            attributes[pieces[0].lowercased()] = pieces.count > 1 ? pieces[1] : ""
        }
        self.attributes = attributes
    }
}

extension CookieCheck {
    /// The rules this check reports.
    public enum Rules {
        static let cookieMapping = ControlMapping(tsc: [.cc6_1, .cc6_6], owasp: [.api8], cwe: [CWE(614), CWE(1004)])

        /// A session-looking cookie lacks Secure or HttpOnly.
        public static let sessionFlags = Rule(
            id: "cookies.session-flags-missing",
            title: "A session cookie lacks Secure or HttpOnly",
            severity: .medium,
            description: """
                A cookie that looks like a session or credential is sent without `Secure` (so it can travel in \
                cleartext) or without `HttpOnly` (so any script injected into the site can steal it).
                """,
            remediation: "Set `Secure; HttpOnly` on every session and credential cookie.",
            references: ["https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#cookies"],
            mapping: cookieMapping
        )

        /// Another cookie lacks Secure or HttpOnly.
        public static let flags = Rule(
            id: "cookies.flags-missing",
            title: "A cookie lacks Secure or HttpOnly",
            severity: .low,
            description:
                "A cookie is sent without `Secure` or without `HttpOnly`; if it ever carries anything sensitive it can leak.",
            remediation: "Set `Secure` on every cookie of an HTTPS site, and `HttpOnly` unless scripts must read it.",
            mapping: cookieMapping
        )

        /// No SameSite, or SameSite=None without Secure.
        public static let sameSite = Rule(
            id: "cookies.samesite-missing",
            title: "A cookie sets no usable SameSite",
            severity: .low,
            description: """
                Without `SameSite=Lax` or `Strict` the cookie rides along on cross-site requests, which is what \
                cross-site request forgery relies on; `SameSite=None` without `Secure` is rejected by browsers.
                """,
            remediation:
                "Set `SameSite=Lax` (or `Strict`); use `SameSite=None; Secure` only for cookies meant for cross-site use.",
            mapping: ControlMapping(tsc: [.cc6_6], owasp: [.api8], cwe: [CWE(1275)])
        )
    }
}
