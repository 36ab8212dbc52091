import ArgumentParser
import Foundation
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

    /// The store's location.
    var location: StoreLocation {
        database.map(StoreLocation.init(parsing:)) ?? .default()
    }

    /// The configuration file's contents.
    func configFile() throws -> ConfigFile {
        try ConfigFile.load(
            config ?? ProcessInfo.processInfo.environment["SCANTRAIL_CONFIG"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Runs `body` with the store open. Store errors become one line on stderr: exit 2 for a bad
    /// reference or request, 3 when the store cannot be used.
    func withStore<Result: Sendable>(_ body: (EvidenceStore) async throws -> Result) async throws -> Result {
        let config = try configFile()
        do {
            return try await EvidenceStore.withStore(
                at: location, policy: config.sla, actor: actor ?? Self.defaultActor, body)
        } catch let error as StoreError {
            StandardError.write("scantrail: \(error)")
            throw error.isRequestError ? ExitStatus.usage : ExitStatus.scanFailed
        }
    }

    /// `user@host`.
    static var defaultActor: String {
        let user = ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
        return "\(user)@\(ProcessInfo.processInfo.hostName)"
    }
}
