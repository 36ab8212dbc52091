import ScantrailCore

extension GraphQLCheck {
    /// The rules this check reports.
    public enum Rules {
        /// Introspection is open.
        public static let introspection = Rule(
            id: "graphql.introspection-enabled",
            title: "GraphQL introspection is enabled",
            severity: .medium,
            description: """
                Anyone can download the whole GraphQL schema — every type, field and mutation, internal ones included \
                — which maps the API for an attacker far better than guessing.
                """,
            remediation: "Disable introspection in production (or allow it only to authenticated developers).",
            references: ["https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/"],
            mapping: ControlMapping(tsc: [.cc6_6], owasp: [.api8], cwe: [CWE(200)])
        )

        /// Field suggestions leak the schema.
        public static let suggestions = Rule(
            id: "graphql.field-suggestions",
            title: "GraphQL suggests field names",
            severity: .low,
            description: """
                Misspelled fields get "Did you mean …?" answers, which let the schema be rebuilt field by field even \
                with introspection off.
                """,
            remediation: "Turn off field suggestions in production error messages.",
            mapping: ControlMapping(tsc: [.cc6_6], owasp: [.api8], cwe: [CWE(200)])
        )

        /// Depth, duplication or directives without limits.
        public static let queryLimits = Rule(
            id: "graphql.query-limits-missing",
            title: "GraphQL executes overloaded queries",
            severity: .medium,
            description: """
                A query nested a dozen levels through a recursive type, one field repeated hundreds of times, or \
                one field under hundreds of directives was processed in full: one small request makes the \
                server do unbounded work, a denial of service within reach of anyone who can send a query.
                """,
            remediation: "Limit query depth, selection count and directives per query (query cost analysis).",
            references: ["https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/"],
            mapping: ControlMapping(tsc: [.cc6_6, .a1_1], owasp: [.api4], cwe: [CWE(770)])
        )

        /// Requests a foreign page can send, executed.
        public static let crossSiteRequests = Rule(
            id: "graphql.csrf",
            title: "GraphQL runs requests a foreign page can send",
            severity: .medium,
            description: """
                The endpoint executes a mutation sent over GET, or a query sent as a form or multipart post on a \
                site that sets cookies: requests a browser sends cross-site, with the victim's cookies, without a \
                CORS preflight, so a hostile page can act as the victim. (A query over GET is allowed by GraphQL \
                over HTTP: it changes nothing, and passes.)
                """,
            remediation: """
                Accept only `POST` with `Content-Type: application/json` (or require a custom header such as \
                `apollo-require-preflight`); never execute mutations over GET.
                """,
            references: ["https://owasp.org/www-community/attacks/csrf"],
            mapping: ControlMapping(tsc: [.cc6_1, .cc6_6], owasp: [.api8], cwe: [CWE(352)])
        )

        /// Development mode left on.
        public static let debugOutput = Rule(
            id: "graphql.debug-output",
            title: "GraphQL runs with development features on",
            severity: .low,
            description: """
                Answers carry tracing (resolver timings), errors carry stack traces, or a browser gets an \
                in-browser IDE: development mode is on in production, and it shows internals and eases attacks.
                """,
            remediation:
                "Turn off tracing, debug errors and the IDE in production (`NODE_ENV=production`, `debug: false`).",
            references: ["https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/"],
            mapping: ControlMapping(tsc: [.cc6_6, .cc7_1], owasp: [.api8], cwe: [CWE(215)])
        )

        /// An argument pasted into SQL.
        public static let sqlError = Rule(
            id: "graphql.sql-error",
            title: "A GraphQL argument reaches a database query unescaped",
            severity: .high,
            description: """
                A quote in one argument of a read-only query brought a database error into the answer's \
                `errors[].message` that the usual value does not: the argument is pasted into a query (SQL injection).
                """,
            remediation: "Bind every argument as a query parameter in the resolvers, and mask resolver errors.",
            references: ["https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html"],
            mapping: ControlMapping(tsc: [.cc7_1, .cc6_1], owasp: [.api8], cwe: [CWE(89)])
        )

        /// Batching or aliases without limits.
        public static let batching = Rule(
            id: "graphql.batching-unlimited",
            title: "GraphQL accepts batches or aliases without limit",
            severity: .low,
            description: """
                Many queries in one request (a batch, or aliases of one field) are all answered. One HTTP request \
                then does the work of many, slipping past request-based rate limits, e.g. to brute-force logins or \
                one-time codes.
                """,
            remediation: "Limit batch size, alias count and query cost per request.",
            references: ["https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/"],
            mapping: ControlMapping(tsc: [.cc6_6, .a1_1], owasp: [.api4], cwe: [CWE(770), CWE(799)])
        )
    }
}
