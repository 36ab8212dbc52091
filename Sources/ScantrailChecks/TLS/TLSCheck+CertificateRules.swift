import ScantrailCore

extension TLSCheck {
    /// The rules about the served certificate chain, and the overall grade.
    public enum CertificateRules {
        private static func rule(
            _ id: String, _ title: String, _ severity: Severity, cwe: Int, description: String, remediation: String,
            reference: String
        ) -> Rule {
            TLSCheck.rule(
                id, title, severity, tsc: [.cc6_7, .cc7_1], cwe: cwe, description: description,
                remediation: remediation, reference: reference)
        }

        private static let rfc5280 = "https://www.rfc-editor.org/rfc/rfc5280"
        private static let renew = "Renew the certificate and deploy it, with its intermediates, to every endpoint."

        /// Past notAfter.
        public static let expired = rule(
            "cert.expired", "The certificate has expired", .high, cwe: 298,
            description: "Clients refuse an expired certificate, or users learn to click through the warning.",
            remediation: renew, reference: rfc5280)
        /// Before notBefore.
        public static let notYetValid = rule(
            "cert.not-yet-valid", "The certificate is not valid yet", .high, cwe: 298,
            description:
                "Its validity starts in the future: clients refuse it until then (often a clock or issuance error).",
            remediation: "Deploy a certificate that is valid now, and check the server's clock.", reference: rfc5280)
        /// Expires within the warning window.
        public static let expiringSoon = rule(
            "cert.expiring-soon", "The certificate expires soon", .medium, cwe: 298,
            description: "It expires within the warning window (30 days unless --expiry-warning-days says otherwise).",
            remediation: "Renew it now, and automate renewal (ACME) so it never gets this close.", reference: rfc5280)
        /// The name is not covered.
        public static let hostnameMismatch = rule(
            "cert.hostname-mismatch", "The certificate does not cover the host name", .high, cwe: 297,
            description: """
                No subjectAltName entry matches the name clients connect to, so verifying clients refuse the \
                connection and others cannot tell the server from an impostor.
                """,
            remediation: "Issue a certificate whose subjectAltName lists every name the API is reached by.",
            reference: "https://www.rfc-editor.org/rfc/rfc6125")
        /// No trusted chain.
        public static let untrusted = rule(
            "cert.untrusted", "The certificate chain is not trusted", .high, cwe: 295,
            description: """
                No chain from the certificate to a trusted root verifies. Clients either refuse the connection or \
                are configured to skip verification, which lets anyone on the path impersonate the API.
                """,
            remediation: "Use a certificate from a publicly trusted CA (or give the private root with --ca-file).",
            reference: rfc5280)
        /// Self-signed leaf.
        public static let selfSigned = rule(
            "cert.self-signed", "The certificate is self-signed", .high, cwe: 295,
            description: "A self-signed certificate proves nothing about the server unless every client pins it.",
            remediation: "Replace it with a certificate issued by a trusted CA.", reference: rfc5280)
        /// Missing intermediate.
        public static let incompleteChain = rule(
            "cert.incomplete-chain", "The certificate chain is incomplete", .medium, cwe: 295,
            description: """
                The server does not send the intermediate certificates that link its certificate to a root. \
                Browsers may fetch them; API clients (curl, Go, Python, Java) do not, and fail.
                """,
            remediation: "Serve the full chain (e.g. nginx `ssl_certificate` pointing at fullchain.pem).",
            reference: "https://www.rfc-editor.org/rfc/rfc8446#section-4.4.2")
        /// Small key.
        public static let weakKey = rule(
            "cert.weak-key", "The certificate key is too small", .medium, cwe: 326,
            description: "RSA or DSA keys under 2048 bits and EC keys under 256 bits are within reach of attackers.",
            remediation: "Issue a new certificate with an RSA 2048+ or ECDSA P-256+ key.",
            reference: "https://www.rfc-editor.org/rfc/rfc9325")
        /// SHA-1 or MD5.
        public static let weakSignature = rule(
            "cert.sha1-signature", "The certificate is signed with SHA-1 or MD5", .medium, cwe: 327,
            description:
                "Collisions for these hashes are practical: a forged certificate can carry the same signature.",
            remediation: "Reissue the certificate (and intermediates) signed with SHA-256 or better.",
            reference: "https://www.rfc-editor.org/rfc/rfc9155")
        /// The grade.
        public static let grade = rule(
            "tls.grade", "The TLS grade is below A", .low, cwe: 326,
            description: """
                The SSL Labs-style grade summarises protocols, key and cipher strength and the chain; it is \
                capped by each weakness, and every cap is listed in the evidence.
                """,
            remediation: "Fix the caps listed, worst first.",
            reference: "https://github.com/ssllabs/research/wiki/SSL-Server-Rating-Guide")

        /// Every rule, in report order.
        static let all = [
            expired, notYetValid, expiringSoon, hostnameMismatch, untrusted, selfSigned, incompleteChain, weakKey,
            weakSignature, grade,
        ]
    }
}
