import ScantrailCore

extension AuthenticationCheck {
    /// The rules this check reports, one outcome per documented operation.
    public enum Rules {
        private static func rule(
            _ id: String, _ title: String, _ severity: Severity, cwe: Int, owasp: OWASPAPICategory = .api2,
            description: String, remediation: String
        ) -> Rule {
            Rule(
                id: id, title: title, severity: severity, description: description, remediation: remediation,
                references: ["https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/"],
                mapping: ControlMapping(tsc: [.cc6_1, .cc6_2], owasp: [owasp], cwe: [CWE(cwe)]))
        }

        /// Secured operation answers without credentials.
        public static let unauthenticated = rule(
            "auth.unauthenticated-access", "A secured operation answers without credentials", .critical, cwe: 306,
            description: """
                The document says the operation needs credentials, yet a request with none got a success carrying \
                the same data an identity gets: anyone can call it.
                """,
            remediation: "Enforce authentication on the operation (middleware or gateway) and test it in CI.")
        /// Garbage token accepted.
        public static let invalidToken = rule(
            "auth.invalid-token-accepted", "A secured operation accepts a garbage token", .critical, cwe: 287,
            description:
                "Any value in the credential's place is accepted: credentials are present-checked, not verified.",
            remediation: "Verify every token (signature, issuer, audience, expiry) before serving the request.")
        /// JWT signature not verified.
        public static let signatureNotVerified = rule(
            "auth.jwt-signature-not-verified", "A JWT with a tampered signature is accepted", .critical, cwe: 347,
            description: "The server reads the token's claims without checking its signature: anyone can mint tokens.",
            remediation: "Verify JWT signatures with the expected key and algorithm (never decode-only).")
        /// alg none accepted.
        public static let algorithmNone = rule(
            "auth.jwt-none-accepted", "A JWT with `alg: none` is accepted", .critical, cwe: 347,
            description: "An unsigned token is honoured: the server lets the token choose not to be verified.",
            remediation: "Pin the accepted algorithms server-side and reject `none`.")
        /// Expired JWT accepted.
        public static let expiredAccepted = rule(
            "auth.jwt-expired-accepted", "An expired JWT is accepted", .high, cwe: 613,
            description: "A correctly signed token whose `exp` has passed still works: stolen tokens never die.",
            remediation: "Check `exp` (and `nbf`) on every request, with little clock skew.")
        /// Token signed with a default key accepted.
        public static let defaultKeyAccepted = rule(
            "auth.jwt-default-key-accepted", "A JWT signed with a well-known default key is accepted", .critical,
            cwe: 321,
            description: """
                The identity's own claims, signed HS256 with a key every tutorial and framework default uses \
                (`secret`, `your-256-bit-secret`…), got the identity's answer: anyone can mint tokens for this \
                operation, however strong the key of the tokens the API issues.
                """,
            remediation: """
                Verify with the configured key only: remove fallback or sample keys from every service and \
                library configuration, and pin the algorithm.
                """)
        /// kid steering the verifier to a known key.
        public static let keyPathAccepted = rule(
            "auth.jwt-kid-path-accepted", "A JWT whose `kid` names `/dev/null` is accepted", .critical, cwe: 22,
            description: """
                A token signed with an empty key, its `kid` header naming `/dev/null`, got the identity's \
                answer: the verifier reads its key from a file the token chooses.
                """,
            remediation: "Look `kid` up in a fixed table of keys; never use it as a path or in a query.")
        /// HS256 signed with the server's public key accepted.
        public static let algorithmConfusion = rule(
            "auth.jwt-algorithm-confusion", "A JWT HMAC-signed with the server's public key is accepted", .critical,
            cwe: 347,
            description: """
                The identity's claims, signed HS256 with the public key the server publishes (its JWKS, as PEM), \
                got the identity's answer: the verifier lets the token pick HMAC and uses the public key as \
                the secret, so anyone can mint tokens.
                """,
            remediation:
                "Pin the expected algorithm (RS256, ES256…) per key when verifying; never take it from the token.")
        /// Public operation returns personal data.
        public static let publicExposure = rule(
            "auth.public-data-exposure", "A public operation returns data secured operations protect", .high,
            cwe: 200, owasp: .api3,
            description: """
                An operation the document declares public answers anonymous requests with personal values \
                (emails, phones, addresses…) that secured operations return to identities.
                """,
            remediation: "Secure the operation, or return only the fields anonymous callers may see.")

        /// Every rule, in report order.
        static let all = [
            unauthenticated, invalidToken, signatureNotVerified, algorithmNone, expiredAccepted, defaultKeyAccepted,
            keyPathAccepted, algorithmConfusion, publicExposure,
        ]
    }
}
