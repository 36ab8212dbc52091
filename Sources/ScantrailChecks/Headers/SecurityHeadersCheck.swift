import ScantrailCore

/// Judges the security headers of the base URL's response, for what it is: a JSON API needs
/// little (`nosniff`, `default-src 'none'`, no framing), an HTML page needs a real policy.
public struct SecurityHeadersCheck: SecurityCheck {
    public typealias Evidence = ResponseEvidence

    /// Creates the check.
    public init() {}

    public static let metadata = CheckMetadata(
        id: "headers.security",
        title: "Security headers",
        rules: [Rules.contentTypeOptions, Rules.contentSecurityPolicy, Rules.frameProtection, Rules.referrerPolicy]
    )

    public func collect(_ target: ScanTarget, context: ScanContext) async throws -> ResponseEvidence {
        try await .baseURL(of: target, context: context, followRedirects: true)
    }

    public func evaluate(_ evidence: ResponseEvidence) -> [Outcome] {
        let location = evidence.location
        let response: HTTPExchange.Response
        switch evidence.judgeable {
        case .failure(let reason):
            return Self.metadata.rules.map { .inconclusive($0, at: location, reason.text) }
        case .success(let received):
            response = received
        }
        let headers = response.headers
        let policy = ContentSecurityPolicy(headers.first("Content-Security-Policy"))
        let isHTML = response.mediaType == "text/html"
        return [
            judgeContentTypeOptions(headers.first("X-Content-Type-Options"), at: location),
            judgeContentSecurityPolicy(policy, isHTML: isHTML, at: location),
            judgeFrameProtection(headers.first("X-Frame-Options"), policy, at: location),
            judgeReferrerPolicy(headers.first("Referrer-Policy"), at: location),
        ]
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
