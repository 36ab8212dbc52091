import ScantrailCore

extension InventoryCheck {
    /// The rules this check reports.
    public enum Rules {
        private static func rule(
            _ id: String, _ title: String, _ severity: Severity, description: String, remediation: String
        )
            -> Rule
        {
            Rule(
                id: id, title: title, severity: severity, description: description, remediation: remediation,
                references: ["https://owasp.org/API-Security/editions/2023/en/0xa9-improper-inventory-management/"],
                mapping: ControlMapping(tsc: [.cc7_1], owasp: [.api9], cwe: [CWE(1059)]))
        }

        /// Documented but gone.
        public static let documentedMissing = rule(
            "inventory.documented-missing", "A documented operation does not answer", .low,
            description: "The document lists an operation the server no longer serves: the inventory has drifted.",
            remediation: "Update the document from the deployed API (or restore the operation).")
        /// Undocumented but live.
        public static let undocumented = rule(
            "inventory.undocumented-endpoint", "An undocumented endpoint answers", .medium,
            description: """
                A sibling of a documented path (another version, or an /internal, /admin or /debug twin) answers: \
                old or hidden endpoints escape the reviews and fixes the documented ones get.
                """,
            remediation: "Retire old versions and internal endpoints, or document and secure them like the rest.")

        /// Every rule, in report order.
        static let all = [documentedMissing, undocumented]
    }
}
