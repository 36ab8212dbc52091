import ScantrailOpenAPI

/// What a front end may tell its user while a scan is being prepared, before the first check.
public enum ScanNotice: Sendable {
    /// The description was imported from `source`; `inventory.issues` lists the broken parts skipped.
    case descriptionLoaded(source: String, inventory: APIInventory)
    /// Identities were given, but no description was given or found: they are not used.
    case identitiesUnused
}
