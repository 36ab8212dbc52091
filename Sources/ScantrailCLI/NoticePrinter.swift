import ScantrailApp

/// Tells what preparing a scan found, on standard error, unless quiet.
struct NoticePrinter {
    let quiet: Bool

    /// Shows one notice.
    func show(_ notice: ScanNotice) {
        guard !quiet else { return }
        switch notice {
        case .identitiesUnused:
            StandardError.write("scantrail: no OpenAPI description given or found; identities are not used")
        case .descriptionLoaded(let source, let inventory):
            StandardError.write(
                "scantrail: \(inventory.operations.count) operations from \(source) (\(inventory.specification))"
                    + (inventory.issues.isEmpty ? "" : "; skipped \(inventory.issues.count) broken parts:"))
            for issue in inventory.issues.prefix(20) { StandardError.write("  \(issue)") }
        }
    }
}
