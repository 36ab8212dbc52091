import ScantrailCore

extension RegexDoSCheck {
    /// The rules this check reports, one outcome per field probed.
    public enum Rules {
        /// A pathological string stalled the server.
        public static let backtracking = Rule(
            id: "dos.regex-backtracking", title: "A short crafted value stalls the server", severity: .medium,
            description: """
                A field the server validates (an email, a name) was sent a run of about thirty letters ending in \
                a character its pattern refuses, and the answer took many times longer than the usual value's, \
                every time: the pattern backtracks exponentially (nested quantifiers such as `(a+)+`). A few \
                such requests keep the server's workers busy for as long as an attacker likes (ReDoS).
                """,
            remediation: """
                Rewrite the pattern without nested or overlapping quantifiers, cap the input's length before \
                matching, or use a regular-expression engine that runs in linear time (RE2, Rust's regex); set a \
                time limit on matching where the engine has one.
                """,
            references: [
                "https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS",
                "https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/",
            ],
            mapping: ControlMapping(tsc: [.cc7_1, .a1_1], owasp: [.api4], cwe: [CWE(1333)]))

        /// Every rule, in report order.
        static let all = [backtracking]
    }
}
