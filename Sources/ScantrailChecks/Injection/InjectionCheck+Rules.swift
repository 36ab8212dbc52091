import ScantrailCore

extension InjectionCheck {
    /// The rules this check reports, one outcome per parameter probed.
    public enum Rules {
        /// A database error provoked through a parameter.
        public static let sqlError = Rule(
            id: "injection.sql-error", title: "A parameter reaches a database query unescaped", severity: .high,
            description: """
                A quote, a syntax-breaking tail or a value of another type in one documented parameter made the \
                API answer with a database error its usual value does not cause: the value is pasted into a \
                query, and an attacker can change what the query does (SQL injection). Where a true and a false \
                condition answered differently, the injection is confirmed.
                """,
            remediation: """
                Pass every value as a bound parameter (prepared statements, the ORM's query builder), never by \
                string concatenation; validate types at the edge; answer errors without the database's message.
                """,
            references: [
                "https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html",
                "https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/",
            ],
            mapping: ControlMapping(tsc: [.cc7_1, .cc6_1], owasp: [.api8], cwe: [CWE(89)]))

        /// Every rule, in report order.
        static let all = [sqlError]
    }
}
