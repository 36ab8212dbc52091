import ScantrailCore

/// Every check Scantrail ships, in the order reports list them.
public enum CheckRegistry {
    /// All checks, passive and active, of a target without a description; the engine selects
    /// among them.
    public static let all: [any SecurityCheck] = surface(nil)

    /// All checks, passive and active; those that judge answers judge every documented
    /// operation of `api` besides the base URL, and without one the places the scan learns.
    public static func surface(_ api: APIUnderTest?) -> [any SecurityCheck] {
        let scope = SurfaceScope(api)
        return
            [
                TransportSecurityCheck(),
                TLSCheck(),
                SecurityHeadersCheck(scope),
                VersionDisclosureCheck(scope),
                CookieCheck(scope),
                HTTPMethodsCheck(scope),
                VerboseErrorCheck(scope),
                GraphQLCheck(),
                SecretsCheck(scope),
                CORSCheck(scope),
                ExposureCheck(),
            ]
    }

    /// The checks driven by an OpenAPI description and identities; JWT keys are guessed from
    /// `dictionary`.
    public static func apiChecks(
        _ api: APIUnderTest, burstSize: Int = 30, maxTokenLifetimeHours: Int = 24,
        dictionary: JWTKeyDictionary = JWTKeyDictionary()
    ) -> [any SecurityCheck] {
        [
            AuthenticationCheck(api: api, dictionary: dictionary),
            JWTPostureCheck(
                identities: api.identities, maxLifetimeHours: maxTokenLifetimeHours, dictionary: dictionary),
            AuthorizationCheck(api: api), InjectionCheck(api: api), CommandInjectionCheck(api: api),
            SSRFCheck(api: api), InventoryCheck(api: api),
            // Disruptive: run after the others, one at a time, in this order.
            MassAssignmentCheck(api: api), AccountEnumerationCheck(api: api), RegexDoSCheck(api: api),
            RateLimitCheck(api: api, burstSize: burstSize),
            LogoutCheck(api: api),
        ]
    }

    /// What the OpenAPI-driven checks declare.
    static let apiMetadata = [
        AuthenticationCheck.metadata, JWTPostureCheck.metadata, AuthorizationCheck.metadata, InjectionCheck.metadata,
        CommandInjectionCheck.metadata, SSRFCheck.metadata, InventoryCheck.metadata, MassAssignmentCheck.metadata,
        AccountEnumerationCheck.metadata, RegexDoSCheck.metadata,
        RateLimitCheck.metadata, LogoutCheck.metadata,
    ]

    /// The identifiers of every check, the OpenAPI-driven ones included.
    public static var identifiers: [String] {
        all.map { type(of: $0).metadata.id } + apiMetadata.map(\.id)
    }

    /// The rule catalogue: every rule of every check.
    public static var catalogue: RuleCatalogue {
        RuleCatalogue(checks: all.map { type(of: $0).metadata } + apiMetadata)
    }
}
