import ScantrailCore

extension JWTPostureCheck {
    /// The rules this check reports, one outcome per identity with a JWT.
    public enum Rules {
        private static func rule(
            _ id: String, _ title: String, _ severity: Severity, cwe: Int, description: String, remediation: String
        ) -> Rule {
            Rule(
                id: id, title: title, severity: severity, description: description, remediation: remediation,
                references: ["https://www.rfc-editor.org/rfc/rfc8725"],
                mapping: ControlMapping(tsc: [.cc6_1, .cc6_2], owasp: [.api2], cwe: [CWE(cwe)]))
        }

        /// Unsigned token.
        public static let algorithmNone = rule(
            "jwt.alg-none", "An identity's JWT is unsigned (`alg: none`)", .critical, cwe: 347,
            description: "The API issues tokens nobody signed: any client can write its own.",
            remediation: "Sign every token, and pin the algorithm when verifying (RFC 8725).")
        /// Dictionary HMAC key.
        public static let weakSecret = rule(
            "jwt.weak-secret", "An identity's JWT is signed with a guessable key", .critical, cwe: 1391,
            description:
                "The HMAC key is a dictionary word: anyone holding one token can find it offline and mint more.",
            remediation: "Use a random key of at least 256 bits (or an asymmetric algorithm) and rotate it now.")
        /// No exp.
        public static let missingExpiry = rule(
            "jwt.missing-exp", "An identity's JWT never expires", .medium, cwe: 613,
            description: "Without `exp` a stolen token works forever.",
            remediation: "Issue tokens with a short `exp` and refresh them.")
        /// Too long.
        public static let longLifetime = rule(
            "jwt.long-lifetime", "An identity's JWT lives longer than the limit", .low, cwe: 613,
            description: "A long-lived access token widens the window in which a stolen one is useful.",
            remediation: "Shorten access-token lifetimes (minutes to hours) and use refresh tokens.")
        /// Secrets in claims.
        public static let sensitiveClaims = rule(
            "jwt.sensitive-claims", "An identity's JWT carries sensitive claims", .medium, cwe: 312,
            description:
                "JWT claims are only base64: anyone holding the token reads passwords, keys or card data in it.",
            remediation: "Keep secrets out of tokens; reference server-side data by id instead.")

        /// Every rule, in report order.
        static let all = [algorithmNone, weakSecret, missingExpiry, longLifetime, sensitiveClaims]
    }
}
