import ScantrailCore

extension CORSCheck {
    /// The rules this check reports.
    public enum Rules {
        static let corsMapping = ControlMapping(tsc: [.cc6_6], owasp: [.api8], cwe: [CWE(942)])

        /// An attacker's origin is trusted with credentials.
        public static let reflectedWithCredentials = Rule(
            id: "cors.origin-reflected-with-credentials",
            title: "Any origin may read responses with the user's credentials",
            severity: .high,
            description: """
                The API echoes an untrusted `Origin` (an arbitrary site, or one that only starts or ends like the \
                API's host) in `Access-Control-Allow-Origin` and allows credentials, so any web page a logged-in user \
                visits can call the API as that user and read the answers.
                """,
            remediation: """
                Compare the Origin against an exact allow-list of your own front ends; never echo it, never match \
                by prefix or suffix, and allow credentials only for listed origins.
                """,
            references: ["https://portswigger.net/web-security/cors"],
            mapping: corsMapping
        )

        /// An attacker's origin is trusted, without credentials.
        public static let reflected = Rule(
            id: "cors.origin-reflected",
            title: "Any origin may read responses",
            severity: .low,
            description: """
                The API echoes an untrusted `Origin` in `Access-Control-Allow-Origin` without allowing credentials: \
                other sites can read what the API answers to anonymous requests, and to requests authenticated by \
                network position (an internal API reached through a victim's browser).
                """,
            remediation: "Use an exact allow-list of origins, or no CORS headers for APIs not meant for browsers.",
            references: ["https://developer.mozilla.org/docs/Web/HTTP/CORS"],
            mapping: corsMapping
        )

        /// The `null` origin is trusted.
        public static let nullOrigin = Rule(
            id: "cors.null-origin-allowed",
            title: "The null origin is trusted",
            severity: .medium,
            description: """
                `Access-Control-Allow-Origin: null` is granted to sandboxed iframes, data: URLs and local files, which \
                any attacker can produce, so trusting `null` is trusting everyone.
                """,
            remediation: "Never allow the `null` origin.",
            references: ["https://portswigger.net/web-security/cors"],
            mapping: corsMapping
        )

        /// A cleartext origin is trusted by an HTTPS API.
        public static let cleartextOrigin = Rule(
            id: "cors.cleartext-origin-allowed",
            title: "An http:// origin is trusted by an HTTPS API",
            severity: .low,
            description: """
                The HTTPS API trusts its own host over cleartext HTTP as an origin: anyone who can tamper with that \
                cleartext page on the network can script the API with the user's session.
                """,
            remediation: "Trust only https:// origins.",
            mapping: ControlMapping(tsc: [.cc6_6, .cc6_7], owasp: [.api8], cwe: [CWE(942), CWE(319)])
        )

        /// Wildcard with credentials.
        public static let wildcardWithCredentials = Rule(
            id: "cors.wildcard-with-credentials",
            title: "Wildcard origin combined with credentials",
            severity: .low,
            description: """
                `Access-Control-Allow-Origin: *` with `Access-Control-Allow-Credentials: true` is refused by browsers, \
                but shows a policy written without understanding it, one change away from reflecting origins.
                """,
            remediation: "Drop `Access-Control-Allow-Credentials` for public resources, or use an exact allow-list.",
            mapping: corsMapping
        )

        /// Any origin may read an answer given only to a caller with credentials.
        public static let wildcardOnPrivateData = Rule(
            id: "cors.wildcard-on-private-data",
            title: "Any origin may read an answer that needs credentials",
            severity: .low,
            description: """
                An operation that answers only with credentials sends `Access-Control-Allow-Origin: *`: any web page \
                that holds or can obtain a token (a compromised or phishing page, a browser extension) may read the \
                answer from the user's browser, and the policy says nobody decided who may. On a public feed a \
                wildcard is fine, and passes.
                """,
            remediation: """
                Answer private data only to an exact list of the origins of your own front ends, and keep \
                `Access-Control-Allow-Origin: *` for public resources.
                """,
            mapping: corsMapping
        )
    }
}
