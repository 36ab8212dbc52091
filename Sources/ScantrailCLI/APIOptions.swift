import ArgumentParser
import Foundation
import ScantrailApp

/// The OpenAPI description and identities that drive the authentication, authorization,
/// rate-limit and inventory checks.
struct APIOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "OpenAPI 3.x or Swagger 2.0 description (file or URL, JSON or YAML); without it, the target's usual documentation paths are tried when identities are given, and the header, cookie, CORS, method and error checks judge the places the scan learns (documentation found, links of the base URL, exposure hits; at most 20).",
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

    @Option(
        help: ArgumentHelp(
            "Extra candidate keys for the identities' HMAC-signed JWTs, one per line (repeatable); tried after the built-in lists and dates, before the generated numbers of 5 and 6 digits.",
            valueName: "file"))
    var jwtWordlist: [String] = []

    /// Where the description comes from.
    ///
    /// - Throws: ``AppError`` for a URL without a host.
    func description() throws -> DescriptionSource {
        try openapi.map { .location(try DescriptionLocation(parsing: $0)) } ?? .automatic
    }

    /// The identities from the flags, then from the configuration file.
    func identitySources(config: AppConfiguration) throws -> [IdentitySource] {
        try identities.map(IdentitySource.init(parsing:))
            + config.identitySources(environment: ProcessInfo.processInfo.environment)
    }
}
