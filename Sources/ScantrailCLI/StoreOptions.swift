import ArgumentParser
import ScantrailApp
import ScantrailStore

/// Where the evidence trail is kept, how it is configured, and who is acting.
struct StoreOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "SQLite file or postgres:// URL of the evidence store (default: $SCANTRAIL_DATABASE, else $XDG_DATA_HOME/scantrail/scantrail.db).",
            valueName: "path-or-url"))
    var database: String?

    @Option(
        help: ArgumentHelp(
            "YAML config file: SLA days, retention, identities (default: $SCANTRAIL_CONFIG).", valueName: "file"))
    var config: String?

    @Option(help: "Who is acting, for the audit log (default: user@host).")
    var actor: String?

    /// The store's settings, the configuration file read.
    func settings() throws -> StoreSettings {
        try StoreSettings.resolve(database: database, configPath: config, actor: actor)
    }

    /// Runs `body` with the store open.
    func withStore<Result: Sendable>(_ body: (EvidenceStore) async throws -> Result) async throws -> Result {
        try await settings().withStore(body)
    }
}
