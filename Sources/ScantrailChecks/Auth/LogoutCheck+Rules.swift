import ScantrailCore

extension LogoutCheck {
    /// The rule this check reports, once per API, at its logout operation.
    public enum Rules {
        /// Token honoured after logout.
        public static let validAfterLogout = Rule(
            id: "auth.token-valid-after-logout", title: "A credential still works after its session logged out",
            severity: .medium,
            description: """
                A credential that was logged out through the documented logout operation still got the same \
                answer from a secured operation: logging out does not end a stolen session, and tokens live \
                until they expire.
                """,
            remediation: """
                Revoke on logout: keep a deny-list of logged-out token ids (`jti`) until they expire, or use \
                short-lived access tokens with server-side sessions or refresh tokens that logout invalidates.
                """,
            references: [
                "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html",
                "https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/",
            ],
            mapping: ControlMapping(tsc: [.cc6_1, .cc6_2], owasp: [.api2], cwe: [CWE(613)]))

        /// Every rule, in report order.
        static let all = [validAfterLogout]
    }
}
