import ScantrailCore

/// Judges the security headers of every answer — the base URL's, and every documented
/// operation's as each identity that applies — for what it is: a JSON API needs little
/// (`nosniff`, `default-src 'none'`, no framing), an HTML page needs a real policy. A header
/// missing on every operation is one finding for the host (``HostWide``).
public struct SecurityHeadersCheck: SecurityCheck {
    public typealias Evidence = SurfaceEvidence

    private let scope: SurfaceScope

    /// A check of the base URL and of what `scope` adds: the documented operations, or the
    /// places the scan learns.
    public init(_ scope: SurfaceScope = .baseURL) {
        self.scope = scope
    }

    public static let metadata = CheckMetadata(
        id: "headers.security",
        title: "Security headers",
        rules: [
            Rules.contentTypeOptions, Rules.contentSecurityPolicy, Rules.frameProtection, Rules.referrerPolicy,
            Rules.permissionsPolicy, Rules.cacheControl,
        ]
    )

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> SurfaceEvidence {
        try await .collect(target, scope: scope, context: context, followRedirects: true)
    }

    public func evaluate(_ evidence: SurfaceEvidence) -> [Outcome] {
        evidence.judged(Self.metadata.rules, by: judge)
    }

    /// The rules judged on one answer.
    private func judge(_ response: HTTPExchange.Response, request: HTTPExchange.Request, at location: Location)
        -> [Outcome]
    {
        let headers = response.headers
        let policy = ContentSecurityPolicy(headers.first("Content-Security-Policy"))
        let isHTML = response.mediaType == "text/html"
        return [
            judgeContentTypeOptions(headers.first("X-Content-Type-Options"), at: location),
            judgeContentSecurityPolicy(policy, isHTML: isHTML, at: location),
            judgeFrameProtection(headers.first("X-Frame-Options"), policy, at: location),
            judgeReferrerPolicy(headers.first("Referrer-Policy"), at: location),
        ]
            + (isHTML ? [judgePermissionsPolicy(headers.first("Permissions-Policy"), at: location)] : [])
            + judgeCacheControl(response, request: request, at: location)
    }

    /// Pages can use powerful browser features; APIs are not asked for a Permissions-Policy.
    private func judgePermissionsPolicy(_ value: String?, at location: Location) -> Outcome {
        guard let value, !value.trimmed.isEmpty else {
            return .failed(Rules.permissionsPolicy, at: location, "HTML response without Permissions-Policy")
        }
        return .passed(Rules.permissionsPolicy, at: location, "Permissions-Policy: \(value)")
    }

    /// Judged only for responses that carry credentials: the request sent some, or the response sets a cookie.
    private func judgeCacheControl(
        _ response: HTTPExchange.Response, request: HTTPExchange.Request, at location: Location
    )
        -> [Outcome]
    {
        let sentCredentials = request.headers.contains { field in
            let name = field.name.lowercased()
            return name == "authorization" || name == "cookie" || Redaction.isSensitive(name: name)
        }
        let setsCookie = !response.headers.all("Set-Cookie").isEmpty
        guard sentCredentials || setsCookie else { return [] }
        let why = sentCredentials ? "a response to a request with credentials" : "a response that sets a cookie"
        let value = response.headers.all("Cache-Control").joined(separator: ", ")
        let directives = value.lowercased().split(separator: ",").map { $0.trimmed }
        if directives.contains("no-store") || directives.contains("private") {
            return [.passed(Rules.cacheControl, at: location, "\(why) has Cache-Control: \(value)")]
        }
        let seen = value.isEmpty ? "no Cache-Control" : "Cache-Control: \(value)"
        return [.failed(Rules.cacheControl, at: location, "\(why) has \(seen)")]
    }

    private func judgeContentTypeOptions(_ value: String?, at location: Location) -> Outcome {
        guard let value else {
            return .failed(Rules.contentTypeOptions, at: location, "X-Content-Type-Options is absent")
        }
        return value.trimmed.lowercased() == "nosniff"
            ? .passed(Rules.contentTypeOptions, at: location, "X-Content-Type-Options: \(value)")
            : .failed(Rules.contentTypeOptions, at: location, "X-Content-Type-Options is '\(value)', not 'nosniff'")
    }

    private func judgeContentSecurityPolicy(_ policy: ContentSecurityPolicy?, isHTML: Bool, at location: Location)
        -> Outcome
    {
        let rule = Rules.contentSecurityPolicy
        guard let policy else {
            return .failed(rule, at: location, "Content-Security-Policy is absent")
        }
        if isHTML {
            // A page needs a policy that restricts where scripts come from.
            return policy.has("default-src") || policy.has("script-src")
                ? .passed(rule, at: location, "HTML response; Content-Security-Policy: \(policy.text)")
                : .failed(rule, at: location, "HTML response whose policy sets neither default-src nor script-src")
        }
        return policy.sources(of: "default-src") == ["'none'"]
            ? .passed(rule, at: location, "Content-Security-Policy: \(policy.text)")
            : .failed(rule, at: location, "non-HTML response whose policy lacks default-src 'none': \(policy.text)")
    }

    private func judgeFrameProtection(_ frameOptions: String?, _ policy: ContentSecurityPolicy?, at location: Location)
        -> Outcome
    {
        let rule = Rules.frameProtection
        if let ancestors = policy?.sources(of: "frame-ancestors"), !ancestors.contains("*") {
            return .passed(
                rule, at: location, "Content-Security-Policy frame-ancestors \(ancestors.joined(separator: " "))")
        }
        if let frameOptions, ["deny", "sameorigin"].contains(frameOptions.trimmed.lowercased()) {
            return .passed(rule, at: location, "X-Frame-Options: \(frameOptions)")
        }
        return .failed(
            rule, at: location, "neither X-Frame-Options (DENY/SAMEORIGIN) nor CSP frame-ancestors restricts framing")
    }

    private func judgeReferrerPolicy(_ value: String?, at location: Location) -> Outcome {
        let rule = Rules.referrerPolicy
        guard let value else {
            return .failed(rule, at: location, "Referrer-Policy is absent")
        }
        // The last recognised token wins; these leak the full URL to other origins.
        let leaking: Set = ["unsafe-url", "no-referrer-when-downgrade"]
        let effective = value.split(separator: ",").map { $0.trimmed.lowercased() }.last ?? ""
        return leaking.contains(effective)
            ? .failed(rule, at: location, "Referrer-Policy '\(value)' sends the full URL to other origins")
            : .passed(rule, at: location, "Referrer-Policy: \(value)")
    }
}

extension SecurityHeadersCheck {
    /// The rules this check reports.
    public enum Rules {
        static let headersMapping = ControlMapping(tsc: [.cc6_6, .cc7_1], owasp: [.api8], cwe: [CWE(693)])

        /// `X-Content-Type-Options: nosniff` is missing.
        public static let contentTypeOptions = Rule(
            id: "headers.x-content-type-options-missing",
            title: "X-Content-Type-Options: nosniff is not set",
            severity: .low,
            description: """
                Without `X-Content-Type-Options: nosniff` a browser may sniff a response as a different type than \
                declared, so an API response that echoes user input can be run as script or style.
                """,
            remediation: "Send `X-Content-Type-Options: nosniff` on every response.",
            references: ["https://developer.mozilla.org/docs/Web/HTTP/Headers/X-Content-Type-Options"],
            mapping: headersMapping
        )

        /// No (or a too loose) Content-Security-Policy.
        public static let contentSecurityPolicy = Rule(
            id: "headers.content-security-policy-missing",
            title: "Content-Security-Policy is missing or too loose",
            severity: .low,
            description: """
                A Content-Security-Policy limits what a response may load and run if it is ever rendered by a \
                browser. For a JSON API `default-src 'none'` costs nothing and disarms injected markup; an HTML \
                page needs a policy that restricts script sources.
                """,
            remediation: """
                For API responses send `Content-Security-Policy: default-src 'none'; frame-ancestors 'none'`; for \
                HTML pages set a policy with `default-src` or `script-src`.
                """,
            references: [
                "https://cheatsheetseries.owasp.org/cheatsheets/REST_Security_Cheat_Sheet.html#security-headers"
            ],
            mapping: headersMapping
        )

        /// The response may be framed by any site.
        public static let frameProtection = Rule(
            id: "headers.frame-protection-missing",
            title: "Responses may be framed by other sites",
            severity: .low,
            description: """
                Neither `X-Frame-Options` nor a CSP `frame-ancestors` directive stops other sites from framing the \
                response, which enables clickjacking of anything a browser renders from this origin.
                """,
            remediation:
                "Send `Content-Security-Policy: frame-ancestors 'none'` (and `X-Frame-Options: DENY` for old browsers).",
            references: ["https://cwe.mitre.org/data/definitions/1021.html"],
            mapping: ControlMapping(tsc: [.cc6_6, .cc7_1], owasp: [.api8], cwe: [CWE(1021)])
        )

        /// An HTML page without Permissions-Policy.
        public static let permissionsPolicy = Rule(
            id: "headers.permissions-policy-missing",
            title: "HTML pages set no Permissions-Policy",
            severity: .info,
            description: """
                A page served from the API's origin does not restrict browser features (camera, geolocation, \
                payment…) for itself and the frames it embeds. Judged for HTML responses only.
                """,
            remediation:
                "Send a `Permissions-Policy` that disables what the page does not use, e.g. `camera=(), geolocation=()`.",
            references: ["https://developer.mozilla.org/docs/Web/HTTP/Headers/Permissions-Policy"],
            mapping: headersMapping
        )

        /// A response carrying credentials may be cached.
        public static let cacheControl = Rule(
            id: "headers.cache-control-missing",
            title: "Responses carrying credentials may be cached",
            severity: .low,
            description: """
                A response to a request with credentials, or one that sets a cookie, has no `Cache-Control: no-store` \
                (or `private`): shared caches and proxies may keep personal data or session cookies and serve them \
                to someone else.
                """,
            remediation: "Send `Cache-Control: no-store` on authenticated and personal responses.",
            references: ["https://cwe.mitre.org/data/definitions/525.html"],
            mapping: ControlMapping(tsc: [.cc6_6, .cc7_1], owasp: [.api8], cwe: [CWE(525)])
        )

        /// No Referrer-Policy, or one that leaks URLs.
        public static let referrerPolicy = Rule(
            id: "headers.referrer-policy-missing",
            title: "Referrer-Policy is missing or leaks URLs",
            severity: .info,
            description: """
                Without a strict Referrer-Policy, URLs of this origin (which for APIs may carry identifiers or \
                tokens in the query) can be sent to other sites in the Referer header.
                """,
            remediation: "Send `Referrer-Policy: no-referrer` (or `strict-origin-when-cross-origin`).",
            references: ["https://developer.mozilla.org/docs/Web/HTTP/Headers/Referrer-Policy"],
            mapping: headersMapping
        )
    }
}
