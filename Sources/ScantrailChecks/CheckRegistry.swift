import ScantrailCore

/// Every check Scantrail ships, in the order reports list them.
public enum CheckRegistry {
    /// All checks, passive and active; the engine selects among them.
    public static let all: [any SecurityCheck] = [
        TransportSecurityCheck(),
        TLSCheck(),
        SecurityHeadersCheck(),
        VersionDisclosureCheck(),
        CookieCheck(),
        HTTPMethodsCheck(),
        VerboseErrorCheck(),
        GraphQLCheck(),
        SecretsCheck(),
        CORSCheck(),
        ExposureCheck(),
    ]

    /// The rule catalogue: every rule of every check.
    public static var catalogue: RuleCatalogue {
        RuleCatalogue(checks: all.map { type(of: $0).metadata })
    }
}
