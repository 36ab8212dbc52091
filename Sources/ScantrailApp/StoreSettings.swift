import Foundation
import ScantrailStore

/// Where the evidence trail is kept, how it is configured, and who is acting.
public struct StoreSettings: Sendable {
    /// The store's location.
    public var location: StoreLocation
    /// The configuration file's contents (SLA days, retention, identities).
    public var configuration: AppConfiguration
    /// Who is acting, for the audit log.
    public var actor: String

    /// Creates settings.
    public init(location: StoreLocation, configuration: AppConfiguration = AppConfiguration(), actor: String) {
        self.location = location
        self.configuration = configuration
        self.actor = actor
    }

    /// Settings from a front end's inputs: `database` (a path or `postgres://` URL, default
    /// `$SCANTRAIL_DATABASE`, else the XDG data folder), `configPath` (default
    /// `$SCANTRAIL_CONFIG`) and `actor` (default `user@host`).
    ///
    /// - Throws: ``AppError`` when the configuration file cannot be read or is not valid.
    public static func resolve(
        database: String?, configPath: String?, actor: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> StoreSettings {
        let path = configPath ?? environment["SCANTRAIL_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        return StoreSettings(
            location: database.map(StoreLocation.init(parsing:)) ?? .default(environment: environment),
            configuration: try AppConfiguration.load(path),
            actor: actor ?? defaultActor(environment: environment))
    }

    /// Runs `body` with the store open; lapsed risk acceptances are reopened as it opens.
    ///
    /// - Throws: ``AppError`` (``AppError/Kind/storeUnavailable`` when the store cannot be
    ///   opened or used, ``AppError/Kind/invalidRequest`` for an unknown or ambiguous
    ///   reference), or what `body` throws.
    public func withStore<Result: Sendable>(_ body: (EvidenceStore) async throws -> Result) async throws -> Result {
        do {
            return try await EvidenceStore.withStore(
                at: location, policy: configuration.sla, actor: actor, body)
        } catch let error as StoreError {
            throw error.isRequestError
                ? AppError.invalid(error.description) : AppError.storeUnavailable(error.description)
        }
    }

    /// `user@host`.
    static func defaultActor(environment: [String: String]) -> String {
        let user = environment["USER"] ?? NSUserName()
        return "\(user)@\(ProcessInfo.processInfo.hostName)"
    }
}
