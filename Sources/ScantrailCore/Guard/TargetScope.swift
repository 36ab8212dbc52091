/// Which hosts and addresses a scan may contact, as recorded with its configuration: the
/// target guard's settings.
public struct TargetScope: Hashable, Codable, Sendable {
    /// Names or address literals the scan may contact; empty allows any host. A scan request
    /// fills it with the target's host, the description URL and token endpoints the user named,
    /// and `--allow-host` values.
    public var allowedHosts: [String]
    /// Hosted mode: resolve every name and refuse non-public addresses, pinning the first
    /// resolution for the whole scan.
    public var hosted: Bool
    /// What hosted mode lets through anyway: addresses, blocks (`10.0.0.0/8`) and host names
    /// (whatever they resolve to).
    public var exemptAddresses: [String]

    /// Creates a scope; the default contacts any host, unresolved.
    public init(allowedHosts: [String] = [], hosted: Bool = false, exemptAddresses: [String] = []) {
        self.allowedHosts = allowedHosts
        self.hosted = hosted
        self.exemptAddresses = exemptAddresses
    }
}
