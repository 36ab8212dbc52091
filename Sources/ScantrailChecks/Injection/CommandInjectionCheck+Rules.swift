import ScantrailCore

extension CommandInjectionCheck {
    /// The rules this check reports, one outcome per text parameter probed.
    public enum Rules {
        /// A shell ran a command appended to a parameter.
        public static let command = Rule(
            id: "injection.os-command", title: "A parameter reaches a shell command unescaped", severity: .critical,
            description: """
                A documented parameter's value followed by a shell metacharacter and a second command made the \
                server run that command: it fetched the scan's callback listener, or a `sleep` delayed every \
                answer while the usual value did not. The value is pasted into a command line, and anyone who can \
                call the operation runs commands on the server with its privileges (OS command injection).
                """,
            remediation: """
                Never build a command line from input: call the program directly with an argument list (no \
                shell), or use a library instead of a program; validate the value against a strict allowlist \
                (a host name's characters, say) before it goes anywhere near a process.
                """,
            references: [
                "https://cheatsheetseries.owasp.org/cheatsheets/OS_Command_Injection_Defense_Cheat_Sheet.html",
                "https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/",
            ],
            mapping: ControlMapping(tsc: [.cc7_1, .cc6_1], owasp: [.api8], cwe: [CWE(78)]))

        /// Every rule, in report order.
        static let all = [command]
    }
}
