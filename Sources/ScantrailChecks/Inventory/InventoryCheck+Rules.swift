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
                A path the document leaves out answers: a newer or beta version of a documented path, an \
                /internal, /admin or /debug twin, a plural or singular sibling, or a path such as /debug/env or \
                /export. Hidden endpoints escape the reviews and fixes the documented ones get.
                """,
            remediation:
                "Remove internal and debugging endpoints from production, or document and secure them like the rest.")
        /// An older version still live.
        public static let olderVersion = rule(
            "inventory.old-version", "An older API version still answers", .medium,
            description: """
                A documented path under the previous version (/v1/items beside the documented /v2/items) still \
                answers: an old version keeps the flaws the new one fixed, and usually the weaker checks too.
                """,
            remediation: "Retire the old version (announce, then turn it off), or keep it patched and document it.")

        /// Every rule, in report order.
        static let all = [documentedMissing, undocumented, olderVersion]
    }
}
