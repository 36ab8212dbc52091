import ScantrailCore

extension RateLimitCheck {
    /// The rules this check reports.
    public enum Rules {
        /// No rate limit.
        public static let missing = Rule(
            id: "ratelimit.missing", title: "An authentication operation has no rate limit", severity: .medium,
            description: """
                A burst of requests to a login, token or password operation met no 429 and no RateLimit or \
                Retry-After header: credentials can be guessed or stuffed at full speed.
                """,
            remediation: "Limit attempts per account and per client (429 with Retry-After), and alert on bursts.",
            references: ["https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/"],
            mapping: ControlMapping(tsc: [.cc6_6, .a1_1], owasp: [.api4], cwe: [CWE(307)]))
    }
}
