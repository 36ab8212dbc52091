import ScantrailCore

extension TLSCheck {
    /// A TLS rule: every one maps to OWASP API8 and to one CWE.
    static func rule(
        _ id: String, _ title: String, _ severity: Severity, tsc: [TrustServicesCriterion], cwe: Int,
        description: String, remediation: String, reference: String
    ) -> Rule {
        Rule(
            id: id, title: title, severity: severity, description: description, remediation: remediation,
            references: [reference], mapping: ControlMapping(tsc: tsc, owasp: [.api8], cwe: [CWE(cwe)]))
    }

    /// The rules about protocols and suites.
    public enum Rules {
        private static func rule(
            _ id: String, _ title: String, _ severity: Severity, cwe: Int, description: String, remediation: String,
            reference: String
        ) -> Rule {
            TLSCheck.rule(
                id, title, severity, tsc: [.cc6_7, .cc6_1], cwe: cwe, description: description,
                remediation: remediation, reference: reference)
        }

        private static let protocolFix =
            "Disable it in the server or load balancer (e.g. nginx `ssl_protocols TLSv1.2 TLSv1.3;`)."

        /// SSLv2 accepted.
        public static let sslv2 = rule(
            "tls.protocol.sslv2", "SSLv2 is accepted", .critical, cwe: 327,
            description: """
                SSL 2.0 is broken beyond repair and prohibited by RFC 6176; a server that still speaks it also \
                exposes its key to DROWN attacks against its TLS connections.
                """,
            remediation: protocolFix, reference: "https://www.rfc-editor.org/rfc/rfc6176")
        /// SSLv3 accepted.
        public static let sslv3 = rule(
            "tls.protocol.sslv3", "SSLv3 is accepted", .high, cwe: 327,
            description: "SSLv3 is broken (POODLE) and prohibited by RFC 7568; accepting it lets an attacker force it.",
            remediation: protocolFix, reference: "https://www.rfc-editor.org/rfc/rfc7568")
        /// TLS 1.0 accepted.
        public static let tls10 = rule(
            "tls.protocol.tls10", "TLS 1.0 is accepted", .medium, cwe: 327,
            description: "TLS 1.0 is deprecated (RFC 8996): its CBC and hash constructions have known attacks.",
            remediation: protocolFix, reference: "https://www.rfc-editor.org/rfc/rfc8996")
        /// TLS 1.1 accepted.
        public static let tls11 = rule(
            "tls.protocol.tls11", "TLS 1.1 is accepted", .medium, cwe: 327,
            description: "TLS 1.1 is deprecated (RFC 8996) and fails current compliance baselines.",
            remediation: protocolFix, reference: "https://www.rfc-editor.org/rfc/rfc8996")
        /// Neither TLS 1.2 nor 1.3.
        public static let noModernProtocol = rule(
            "tls.protocol.no-modern", "Neither TLS 1.2 nor TLS 1.3 is accepted", .high, cwe: 327,
            description: "Without TLS 1.2 or 1.3 no connection to the server can use current cryptography.",
            remediation: "Enable TLS 1.2 and TLS 1.3.", reference: "https://www.rfc-editor.org/rfc/rfc8446")
        /// NULL, export or anonymous suites.
        public static let brokenSuites = rule(
            "tls.cipher.broken", "NULL, export or anonymous cipher suites are accepted", .critical, cwe: 327,
            description: """
                These suites send data unencrypted, with 40/56-bit keys, or without authenticating the server: \
                anyone on the path can read or impersonate.
                """,
            remediation: "Remove every NULL, EXPORT and anonymous (aNULL) suite from the server's cipher list.",
            reference: "https://www.rfc-editor.org/rfc/rfc9325")
        /// RC4.
        public static let rc4 = rule(
            "tls.cipher.rc4", "RC4 cipher suites are accepted", .high, cwe: 327,
            description: "RC4 has practical plaintext-recovery attacks and is prohibited by RFC 7465.",
            remediation: "Remove RC4 suites from the cipher list.", reference: "https://www.rfc-editor.org/rfc/rfc7465")
        /// 64-bit block ciphers.
        public static let sweet32 = rule(
            "tls.cipher.3des", "64-bit block ciphers (3DES, DES, IDEA) are accepted", .medium, cwe: 326,
            description: "Ciphers with 64-bit blocks leak plaintext over long connections (Sweet32, CVE-2016-2183).",
            remediation: "Remove 3DES, DES, IDEA and RC2 suites.", reference: "https://sweet32.info/")
        /// No forward secrecy.
        public static let noForwardSecrecy = rule(
            "tls.no-forward-secrecy", "Suites without forward secrecy are accepted", .low, cwe: 326,
            description: """
                With static RSA (or static DH) key exchange, anyone who later obtains the server's private key \
                can decrypt recorded traffic.
                """,
            remediation: "Offer only ECDHE/DHE suites (and TLS 1.3).",
            reference: "https://www.rfc-editor.org/rfc/rfc9325")
        /// Fallback SCSV not honoured.
        public static let fallbackSCSV = rule(
            "tls.fallback-scsv-missing", "Downgrade protection (TLS_FALLBACK_SCSV) is not honoured", .low, cwe: 757,
            description:
                "The server accepts a hello that says it is a downgraded retry, so protocol downgrades go unnoticed.",
            remediation: "Use a TLS library that implements RFC 7507, or accept only TLS 1.2 and 1.3.",
            reference: "https://www.rfc-editor.org/rfc/rfc7507")
        /// Insecure renegotiation.
        public static let renegotiation = rule(
            "tls.renegotiation-insecure", "Secure renegotiation is not supported", .medium, cwe: 757,
            description: "Without RFC 5746, an attacker can splice their own data in front of a client's session.",
            remediation: "Upgrade the TLS library; it should answer with the renegotiation_info extension.",
            reference: "https://www.rfc-editor.org/rfc/rfc5746")
        /// TLS compression.
        public static let compression = rule(
            "tls.compression", "TLS compression is enabled", .medium, cwe: 200,
            description: "Compressing before encrypting leaks secrets such as cookies through the length (CRIME).",
            remediation: "Disable TLS-level compression.", reference: "https://www.rfc-editor.org/rfc/rfc9325")

        /// Every rule, in report order.
        static let all = [
            sslv2, sslv3, tls10, tls11, noModernProtocol, brokenSuites, rc4, sweet32, noForwardSecrecy, fallbackSCSV,
            renegotiation, compression,
        ]
    }
}
