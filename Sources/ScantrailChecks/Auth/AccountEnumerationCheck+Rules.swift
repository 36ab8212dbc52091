import ScantrailCore

extension AccountEnumerationCheck {
    /// The rule this check reports, once per sign-in, sign-up or reset operation.
    public enum Rules {
        /// Accounts told apart.
        public static let enumeration = Rule(
            id: "auth.account-enumeration", title: "Sign-in, sign-up or password reset tells which accounts exist",
            severity: .medium,
            description: """
                The same request for an account that exists and for one that does not got a different status, \
                body or (consistently) time — a sign-up that says the address is taken, a sign-in that says the \
                user is unknown: an attacker can list the accounts to target with password guessing or phishing.
                """,
            remediation: """
                Answer both alike ("invalid email or password"; "if the account exists, a link is on its way"; \
                for a sign-up, "check your inbox to finish", mailing a taken address's owner instead), with the \
                same status, and do the same work for unknown accounts (hash a dummy password).
                """,
            references: [
                "https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#authentication-and-error-messages",
                "https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/",
            ],
            mapping: ControlMapping(tsc: [.cc6_1], owasp: [.api2], cwe: [CWE(204)]))

        /// Every rule, in report order.
        static let all = [enumeration]
    }
}
