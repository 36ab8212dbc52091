/// Everything that shapes a scan besides its target. It is written into every report, with
/// header values redacted.
public struct ScanConfiguration: Hashable, Codable, Sendable {
    /// Bounds on requests, time and sizes.
    public var limits: ScanLimits
    /// Headers added to every request (e.g. credentials); their values never reach a report.
    public var headers: [HeaderField]
    /// Identifiers of the checks to run; `nil` runs every passive check.
    public var enabledChecks: [String]?
    /// Run checks that may change server state.
    public var active: Bool
    /// Port of the cleartext twin of an HTTPS target; `nil` means 80 when the target is on
    /// 443, and unknown otherwise.
    public var cleartextPort: Int?
    /// A PEM bundle of the roots certificate chains are judged against; `nil` uses the system's.
    public var caFile: String?
    /// Days before a certificate expires that count as "expiring soon".
    public var expiryWarningDays: Int
    /// Which hosts and addresses the scan may contact (the target guard).
    public var scope: TargetScope
    /// The forward proxy requests go through, if any.
    public var proxy: ProxyConfiguration?
    /// Requests never sent (`--exclude`), each also under the target's base path.
    public var exclusions: [RequestExclusion] = []

    /// Creates a configuration; the defaults scan everything passive within ``ScanLimits``'s defaults.
    public init(
        limits: ScanLimits = ScanLimits(),
        headers: [HeaderField] = [],
        enabledChecks: [String]? = nil,
        active: Bool = false,
        cleartextPort: Int? = nil,
        caFile: String? = nil,
        expiryWarningDays: Int = 30,
        scope: TargetScope = TargetScope(),
        proxy: ProxyConfiguration? = nil
    ) {
        self.limits = limits
        self.headers = headers
        self.enabledChecks = enabledChecks
        self.active = active
        self.cleartextPort = cleartextPort
        self.caFile = caFile
        self.expiryWarningDays = expiryWarningDays
        self.scope = scope
        self.proxy = proxy
    }

    /// Whether the check identified `id` is among those to run (every check when none are named).
    public func selects(_ id: String) -> Bool {
        enabledChecks.map { $0.contains(id) } ?? true
    }

    private enum CodingKeys: String, CodingKey {
        case limits, headers, enabledChecks, active, cleartextPort, caFile, expiryWarningDays, scope, proxy, exclusions
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        limits = try container.decode(ScanLimits.self, forKey: .limits)
        headers = try container.decode([HeaderField].self, forKey: .headers)
        enabledChecks = try container.decodeIfPresent([String].self, forKey: .enabledChecks)
        active = try container.decode(Bool.self, forKey: .active)
        cleartextPort = try container.decodeIfPresent(Int.self, forKey: .cleartextPort)
        caFile = try container.decodeIfPresent(String.self, forKey: .caFile)
        // Reports written before the setting existed used the default.
        expiryWarningDays = try container.decodeIfPresent(Int.self, forKey: .expiryWarningDays) ?? 30
        scope = try container.decodeIfPresent(TargetScope.self, forKey: .scope) ?? TargetScope()
        proxy = try container.decodeIfPresent(ProxyConfiguration.self, forKey: .proxy)
        // Reports written before exclusions existed excluded nothing.
        exclusions = try container.decodeIfPresent([RequestExclusion].self, forKey: .exclusions) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(limits, forKey: .limits)
        // Every value is hidden: a custom header may carry a credential under any name.
        try container.encode(headers.map { HeaderField(name: $0.name, value: Redaction.marker) }, forKey: .headers)
        try container.encodeIfPresent(enabledChecks, forKey: .enabledChecks)
        try container.encode(active, forKey: .active)
        try container.encodeIfPresent(cleartextPort, forKey: .cleartextPort)
        try container.encodeIfPresent(caFile, forKey: .caFile)
        try container.encode(expiryWarningDays, forKey: .expiryWarningDays)
        try container.encode(scope, forKey: .scope)
        try container.encodeIfPresent(proxy, forKey: .proxy)
        if !exclusions.isEmpty { try container.encode(exclusions, forKey: .exclusions) }
    }
}
