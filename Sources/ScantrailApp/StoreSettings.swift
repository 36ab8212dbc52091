import Foundation
import ScantrailReports
import ScantrailStore

/// Where the evidence trail is kept, how it is configured, and who is acting.
public struct StoreSettings: Sendable {
    /// The store's location.
    public var location: StoreLocation
    /// The configuration file's contents (SLA days, retention, identities).
    public var configuration: AppConfiguration
    /// Who is acting, for the audit log.
    public var actor: String
    /// The installation's key: it signs an audit checkpoint at every recorded scan, and bundles.
    public var signingKey: SigningKey?

    /// Creates settings.
    public init(
        location: StoreLocation, configuration: AppConfiguration = AppConfiguration(), actor: String,
        signingKey: SigningKey? = nil
    ) {
        self.location = location
        self.configuration = configuration
        self.actor = actor
        self.signingKey = signingKey
    }

    /// Settings from a front end's inputs: `database` (a path or `postgres://` URL, default
    /// `$SCANTRAIL_DATABASE`, else the XDG data folder), `configPath` (default
    /// `$SCANTRAIL_CONFIG`), `actor` (default `user@host`), and the signing key (see
    /// ``SigningKeyFile``).
    ///
    /// - Throws: ``AppError`` when the configuration file or a named signing key cannot be read.
    public static func resolve(
        database: String?, configPath: String?, actor: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> StoreSettings {
        let path = configPath ?? environment["SCANTRAIL_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        return StoreSettings(
            location: database.map(StoreLocation.init(parsing:)) ?? .default(environment: environment),
            configuration: try AppConfiguration.load(path),
            actor: actor ?? defaultActor(environment: environment),
            signingKey: try SigningKeyFile.load(environment: environment))
    }

    /// Runs `body` with the store open; lapsed risk acceptances are reopened as it opens.
    ///
    /// - Throws: ``AppError`` (``AppError/Kind/storeUnavailable`` when the store cannot be
    ///   opened or used, ``AppError/Kind/invalidRequest`` for an unknown or ambiguous
    ///   reference), or what `body` throws.
    public func withStore<Result: Sendable>(_ body: (EvidenceStore) async throws -> Result) async throws -> Result {
        do {
            return try await EvidenceStore.withStore(
                at: location, policy: configuration.sla, actor: actor, signer: signingKey, body)
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
