import ScantrailCore

extension TransportSecurityCheck {
    /// The rules this check reports.
    public enum Rules {
        static let transportMapping = ControlMapping(tsc: [.cc6_7, .cc6_1], owasp: [.api8], cwe: [CWE(319)])

        /// The API answers over cleartext HTTP.
        public static let cleartext = Rule(
            id: "transport.cleartext-http",
            title: "API answers over cleartext HTTP",
            severity: .high,
            description: """
                The API serves responses over plain HTTP instead of redirecting to HTTPS or refusing the \
                connection. Credentials, tokens and data sent to it can be read and altered by anyone on the path.
                """,
            remediation: """
                Serve the API over HTTPS only: close the cleartext port, or answer it with nothing but a \
                301/308 redirect to the HTTPS URL (and make clients use HTTPS URLs).
                """,
            references: ["https://cwe.mitre.org/data/definitions/319.html"],
            mapping: transportMapping
        )

        /// No HSTS on HTTPS responses.
        public static let hstsMissing = Rule(
            id: "transport.hsts-missing",
            title: "Strict-Transport-Security is not set",
            severity: .medium,
            description: """
                Without HSTS a browser or client that is sent to the http:// URL once can be downgraded to \
                cleartext by an attacker on the network before any redirect happens.
                """,
            remediation:
                "Send `Strict-Transport-Security: max-age=31536000; includeSubDomains` on every HTTPS response.",
            references: ["https://www.rfc-editor.org/rfc/rfc6797"],
            mapping: ControlMapping(tsc: [.cc6_7, .cc6_1], owasp: [.api8], cwe: [CWE(319), CWE(523)])
        )

        /// HSTS too short or without includeSubDomains.
        public static let hstsWeak = Rule(
            id: "transport.hsts-weak",
            title: "Strict-Transport-Security is too weak",
            severity: .low,
            description: """
                HSTS protects only as long as its max-age and only the hosts it covers: under 180 days, or without \
                includeSubDomains, clients fall back to trying cleartext.
                """,
            remediation: "Use `max-age` of at least 15552000 (180 days; a year is common) and add `includeSubDomains`.",
            references: ["https://www.rfc-editor.org/rfc/rfc6797#section-6.1"],
            mapping: ControlMapping(tsc: [.cc6_7, .cc6_1], owasp: [.api8], cwe: [CWE(319), CWE(523)])
        )
    }
}
