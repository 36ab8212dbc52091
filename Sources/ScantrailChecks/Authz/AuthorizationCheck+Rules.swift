import ScantrailCore

extension AuthorizationCheck {
    /// The rules this check reports.
    public enum Rules {
        /// BOLA.
        public static let objectLevel = Rule(
            id: "authz.bola", title: "One user can read or change another user's objects", severity: .high,
            description: """
                An object id taken from one identity's answers, requested by another identity of the same role, \
                came back as it does for its owner (broken object level authorization); or, with --active, a PUT or \
                PATCH of the owner's object, carrying the owner's own answer written back unchanged, succeeded for \
                the other identity and not without credentials; or the other identity could read, change or delete \
                an object the owner created for the trial.
                """,
            remediation:
                "Check on every object access that the caller owns or may see the object, not only that it exists.",
            references: ["https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/"],
            mapping: ControlMapping(tsc: [.cc6_1, .cc6_3], owasp: [.api1], cwe: [CWE(639)]))
        /// BFLA.
        public static let functionLevel = Rule(
            id: "authz.bfla", title: "A non-admin can use an administrative operation", severity: .high,
            description: """
                An operation that looks administrative (path, operationId, tag, summary or scope), served to the \
                admin identity, answered a non-admin identity the same way (broken function level authorization); \
                with --active this includes an administrative PUT or PATCH carrying the admin's own answer written \
                back unchanged, and a change or deletion of an object the admin created for the trial through an \
                operation the non-admin may not create with (a catalogue item).
                """,
            remediation: "Enforce role checks on administrative operations, server-side, deny by default.",
            references: ["https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/"],
            mapping: ControlMapping(tsc: [.cc6_1, .cc6_3], owasp: [.api5], cwe: [CWE(285)]))

        /// Every rule, in report order.
        static let all = [objectLevel, functionLevel]
    }
}
