import ArgumentParser
import Foundation
import ScantrailChecks
import ScantrailCore
import ScantrailOpenAPI

/// The OpenAPI description and identities that drive the authentication, authorization,
/// rate-limit and inventory checks.
struct APIOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "OpenAPI 3.x or Swagger 2.0 description (file or URL, JSON or YAML); without it, the target's usual documentation paths are tried when identities are given.",
            valueName: "file|url"))
    var openapi: String?

    @Option(
        name: .customLong("identity"),
        help: ArgumentHelp(
            "Call the API as NAME (repeatable): KIND is bearer (token), basic (user:password), header (Name: value), query or cookie (name=value). Flags show in process lists: keep secrets in the config file's identities, as ${VAR}.",
            valueName: "NAME[:ROLE]=KIND:VALUE"))
    var identities: [String] = []

    @Option(help: "Requests per rate-limit burst on authentication operations (at most 100).")
    var burst = 30

    @Option(help: "Longest acceptable lifetime of an identity's JWT, in hours.")
    var maxTokenLifetime = 24

    func validate() throws {
        guard (1...RateLimitCheck.maximumBurst).contains(burst) else {
            throw ValidationError("--burst must be 1 to \(RateLimitCheck.maximumBurst)")
        }
        guard maxTokenLifetime >= 1 else { throw ValidationError("--max-token-lifetime must be at least 1 hour") }
    }

    /// The identities from the flags, then from the configuration file (OAuth2 and login ones
    /// obtain their credential from `target` now).
    func resolvedIdentities(config: ConfigFile, target: ScanTarget, configuration: ScanConfiguration) async throws
        -> [Identity]
    {
        let environment = ProcessInfo.processInfo.environment
        var all = try identities.map(Identity.input)
        for entry in config.identities {
            all.append(try await entry.identity(environment: environment, target: target, configuration: configuration))
        }
        var seen: Set<String> = []
        for identity in all where !seen.insert(identity.name).inserted {
            throw InputError(description: "identity \(identity.name) is given twice")
        }
        return all
    }

    /// The OpenAPI-driven checks for `target`, or none without a description, with the number
    /// of documented operations. Import problems are told on standard error unless `quiet`.
    func checks(
        for target: ScanTarget, configuration: ScanConfiguration, identities: [Identity], quiet: Bool
    ) async throws -> (checks: [any SecurityCheck], operations: Int) {
        let source: String
        let inventory: APIInventory
        if let openapi {
            (source, inventory) = (openapi, try await APIDescriptionSource.load(openapi, configuration: configuration))
        } else if !identities.isEmpty,
            let found = try await APIDescriptionSource.discover(on: target, configuration: configuration)
        {
            (source, inventory) = found
        } else {
            if !identities.isEmpty && !quiet {
                StandardError.write("scantrail: no OpenAPI description given or found; identities are not used")
            }
            return ([], 0)
        }
        if !quiet {
            StandardError.write(
                "scantrail: \(inventory.operations.count) operations from \(source) (\(inventory.specification))"
                    + (inventory.issues.isEmpty ? "" : "; skipped \(inventory.issues.count) broken parts:"))
            for issue in inventory.issues.prefix(20) { StandardError.write("  \(issue)") }
        }
        let checks = CheckRegistry.apiChecks(
            APIUnderTest(inventory: inventory, identities: identities), burstSize: burst,
            maxTokenLifetimeHours: maxTokenLifetime)
        return (checks, inventory.operations.count)
    }
}
