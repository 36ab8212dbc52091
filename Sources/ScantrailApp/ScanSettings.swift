import Foundation
import ScantrailChecks
import ScantrailCore

/// What shapes a scan besides its target, its description and its identities, as a user gives
/// it: limits, extra headers, the checks to run, active mode, certificate judgement and the
/// OpenAPI-driven checks' knobs. Every default is documented in the README.
public struct ScanSettings: Hashable, Sendable {
    /// Requests the OpenAPI-driven checks may spend per documented operation, added to the
    /// default budget when a description drives them. A secured GET with JWT identities takes
    /// up to 14 in the authentication check (the identity's request, anonymous, a garbage
    /// token, tampered, `alg: none`, expired, four default keys, two `kid` paths, two `alg`
    /// confusions) and about 1 + 3 per parameter in the injection check (two more where an
    /// error shows); authorization, mass assignment and inventory take a few.
    public static let budgetPerOperation = 30
    /// What an `--active` scan adds per documented operation, for the probes only it sends:
    /// command injection (the usual value, five callback forms and two `sleep`s per text
    /// parameter, up to four), SSRF (one per URL parameter) and ReDoS (about ten per pattern field).
    public static let activeBudgetPerOperation = 30

    /// Headers added to every request, as `Name: value` lines.
    public var headers: [String] = []
    /// Identifiers of the checks to run; empty runs every applicable one.
    public var checks: [String] = []
    /// Most requests for the whole scan; `nil` is 1,000 plus ``budgetPerOperation`` (and in
    /// active mode ``activeBudgetPerOperation``) per
    /// documented operation.
    public var budget: Int?
    /// Seconds one request may take.
    public var timeoutSeconds = ScanLimits().requestTimeoutSeconds
    /// Seconds the whole scan may take.
    public var deadlineSeconds = ScanLimits().scanDeadlineSeconds
    /// Most connections (requests in flight) to the target host.
    public var maxConnections = ScanLimits().maxConnectionsPerHost
    /// Port of the cleartext twin of an HTTPS API; `nil` is 80 when the API is on 443.
    public var cleartextPort: Int?
    /// How certificates are judged.
    public var certificates = CertificateSettings()
    /// Also send requests that may change state.
    public var active = false
    /// Requests per rate-limit burst on authentication operations.
    public var burst = 30
    /// Longest acceptable lifetime of an identity's JWT, in hours.
    public var maxTokenLifetimeHours = 24
    /// Files of extra HMAC key candidates for identities' JWTs, one per line, tried after the
    /// built-in lists, before the generated numbers. Only the CLI sets it: the web service never
    /// reads a path its callers name.
    public var jwtWordlists: [String] = []
    /// Hosts the scan may contact besides the target's, the description URL's and the token
    /// endpoints' (a `$ref` to another server, say).
    public var allowedHosts: [String] = []
    /// Hosted mode (the web service turns it on): resolve every name, refuse non-public
    /// addresses, pin the first resolution.
    public var hosted = false
    /// Addresses, blocks (CIDR) and host names hosted mode lets through anyway
    /// (`serve --allow-target`): a server that scans APIs on its own network.
    public var exemptAddresses: [String] = []
    /// The forward proxy requests go through (`http://[user:password@]host:port`), if any.
    public var proxy: ProxySetting?
    /// Requests never sent, as `METHOD /path` (`GET /seed`, `* /admin/*`, `DELETE /users/{id}`).
    public var exclusions: [String] = []
    /// Where targets reach the scan's callback listener (`http://203.0.113.7:8081`, a port
    /// forward's public side); `nil`: `http://` and this machine's address towards the target.
    public var callbackURL: String?
    /// The address the callback listener binds, `[HOST:]PORT`; `nil`: every interface at the
    /// callback URL's port, or this machine's address towards the target at a free port.
    public var callbackListen: String?

    /// The defaults: every passive check within the default limits.
    public init() {}

    /// Refuses values no scan can run with.
    ///
    /// - Throws: ``AppError`` naming the setting.
    public func validate() throws {
        guard (budget ?? 1) >= 1 else { throw AppError.invalid(.budget, "must be at least 1") }
        guard timeoutSeconds > 0 else { throw AppError.invalid(.timeout, "must be more than 0 seconds") }
        guard deadlineSeconds > 0 else { throw AppError.invalid(.deadline, "must be more than 0 seconds") }
        guard (1...64).contains(maxConnections) else { throw AppError.invalid(.maxConnections, "must be 1 to 64") }
        if let cleartextPort, !(1...65535).contains(cleartextPort) {
            throw AppError.invalid(.httpPort, "must be 1 to 65535")
        }
        for header in headers where HeaderField(line: header) == nil {
            throw AppError.invalid(.header, "'\(header.prefix(40))' is not of the form 'Name: value'")
        }
        let known = CheckRegistry.identifiers
        if let unknown = checks.first(where: { !known.contains($0) }) {
            throw AppError.invalid(.check, "'\(unknown)' is unknown; known: \(known.joined(separator: ", "))")
        }
        guard (1...RateLimitCheck.maximumBurst).contains(burst) else {
            throw AppError.invalid(.burst, "must be 1 to \(RateLimitCheck.maximumBurst)")
        }
        guard maxTokenLifetimeHours >= 1 else { throw AppError.invalid(.maxTokenLifetime, "must be at least 1 hour") }
        if let proxy, proxy.configuration == nil {
            throw AppError.invalid(.proxy, "'\(proxy.url.prefix(60))' is not an http://host:port proxy URL")
        }
        for host in allowedHosts where host.isEmpty || host.contains(where: { $0.isWhitespace || "/@?#".contains($0) })
        {
            throw AppError.invalid(.allowHost, "'\(host.prefix(40))' is not a host name or address")
        }
        for entry in exemptAddresses where IPNetwork(entry) == nil && !URLHost.isName(entry) {
            throw AppError.invalid(
                .allowTarget, "'\(entry.prefix(40))' is not an address, a block (CIDR) or a host name")
        }
        for exclusion in exclusions where RequestExclusion(parsing: exclusion) == nil {
            throw AppError.invalid(
                .exclude, "'\(exclusion.prefix(60))' is not 'METHOD /path' (a template such as /orders/{id}, or a glob)"
            )
        }
        for path in jwtWordlists where !FileManager.default.isReadableFile(atPath: path) {
            throw AppError.invalid(.jwtWordlist, "'\(path)' does not exist or cannot be read")
        }
        _ = try callbacks
        try certificates.validate()
    }

    /// The callback listener's settings.
    ///
    /// - Throws: ``AppError`` for a callback URL or listen address that cannot be used.
    var callbacks: CallbackSettings {
        get throws { try CallbackSettings(url: callbackURL, listen: callbackListen) }
    }

    /// The engine's configuration for a scan whose description documents `operations`
    /// operations (0 without one), contacting only `hosts` and ``allowedHosts`` (any host when
    /// both are empty), its exclusions also under `basePath`.
    public func configuration(documentedOperations operations: Int = 0, hosts: [String] = [], basePath: String = "/")
        -> ScanConfiguration
    {
        var limits = ScanLimits()
        let perOperation = Self.budgetPerOperation + (active ? Self.activeBudgetPerOperation : 0)
        limits.requestBudget = budget ?? limits.requestBudget + perOperation * operations
        limits.requestTimeoutSeconds = timeoutSeconds
        limits.readTimeoutSeconds = min(limits.readTimeoutSeconds, timeoutSeconds)
        limits.scanDeadlineSeconds = deadlineSeconds
        limits.maxConnectionsPerHost = maxConnections
        var configuration = ScanConfiguration(
            limits: limits,
            headers: headers.compactMap(HeaderField.init(line:)),
            enabledChecks: checks.isEmpty ? nil : checks,
            active: active,
            cleartextPort: cleartextPort,
            caFile: certificates.caFile,
            expiryWarningDays: certificates.expiryWarningDays,
            scope: TargetScope(
                allowedHosts: Self.unique(hosts + allowedHosts), hosted: hosted, exemptAddresses: exemptAddresses),
            proxy: proxy?.configuration
        )
        configuration.exclusions = exclusions.compactMap(RequestExclusion.init(parsing:))
            .flatMap { $0.resolved(basePath: basePath) }
        return configuration
    }

    private static func unique(_ hosts: [String]) -> [String] {
        var seen: Set<String> = []
        return hosts.map(TargetGuard.canonical).filter { seen.insert($0).inserted }
    }
}
