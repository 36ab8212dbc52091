import Synchronization

/// The one place that decides which hosts a scan may contact, asked before every connection
/// (each redirect hop included), by the HTTP probe and the TLS prober alike.
///
/// - Scope: with allowed hosts given, any other host is refused (a `$ref` to another server, a
///   link, an off-host token endpoint), whatever its spelling: `2130706434`, `0x7f000002` and
///   `::ffff:127.0.0.2` are all `127.0.0.2`.
/// - Hosted mode (a scanner on the internet): every name is resolved, and loopback, private,
///   link-local, shared (CGNAT), unique-local, multicast, cloud-metadata, unspecified and reserved
///   addresses are refused. The first resolution is pinned for the whole scan: connections go to
///   the address that was checked, so a name that re-resolves elsewhere (DNS rebinding) changes
///   nothing.
///
/// A refusal is an observation: the probe reports it as an inconclusive exchange with the reason.
public final class TargetGuard: Sendable {
    /// What the guard says about a host.
    public enum Admission: Hashable, Sendable {
        /// Connect, to this address literal or name.
        case allowed(connectTo: String)
        /// Do not connect, for this reason.
        case refused(String)
    }

    private let allowed: Set<String>
    private let hosted: Bool
    private let exempt: [IPNetwork]
    private let exemptNames: Set<String>
    private let resolve: @Sendable (String) async throws -> [IPAddress]
    private let pinned = Mutex<[String: Task<Admission, Never>]>([:])

    /// Creates a guard.
    ///
    /// - Parameters:
    ///   - allowedHosts: Names or address literals the scan may contact; empty allows any host.
    ///   - hosted: Resolve names and refuse non-public addresses.
    ///   - exempt: Addresses and blocks hosted mode lets through anyway (a server that scans
    ///     APIs on its own network, or a test on loopback).
    ///   - exemptNames: Host names hosted mode lets through whatever they resolve to.
    ///   - resolve: The resolver, the system's by default.
    public init(
        allowedHosts: [String] = [],
        hosted: Bool = false,
        exempt: [IPNetwork] = [],
        exemptNames: [String] = [],
        resolve: @escaping @Sendable (String) async throws -> [IPAddress] = HostResolver.addresses
    ) {
        self.allowed = Set(allowedHosts.map(Self.canonical))
        self.hosted = hosted
        self.exempt = exempt
        self.exemptNames = Set(exemptNames.map(Self.canonical))
        self.resolve = resolve
    }

    /// The guard a configuration describes.
    public convenience init(_ configuration: ScanConfiguration) {
        self.init(
            allowedHosts: configuration.scope.allowedHosts, hosted: configuration.scope.hosted,
            exempt: configuration.scope.exemptAddresses.compactMap(IPNetwork.init),
            exemptNames: configuration.scope.exemptAddresses.filter { IPNetwork($0) == nil })
    }

    /// `host` as the guard compares it: an address in its canonical text, a name in lower case
    /// without a trailing dot.
    public static func canonical(_ host: String) -> String {
        if let address = IPAddress(host) { return address.description }
        let lowered = host.lowercased()
        return lowered.hasSuffix(".") ? String(lowered.dropLast()) : lowered
    }

    /// Why `host` is outside `allowed` (canonical hosts), or `nil` when it is inside (or
    /// `allowed` is empty). Pure.
    public static func scopeRefusal(of host: String, allowed: Set<String>) -> String? {
        guard !allowed.isEmpty, !allowed.contains(canonical(host)) else { return nil }
        return
            "\(host) is outside the scan's scope (\(allowed.sorted().joined(separator: ", "))); allow it with --allow-host"
    }

    /// What hosted mode refuses `address` as, or `nil` for a public (or exempt) one. Pure.
    public static func refusedCategory(of address: IPAddress, exempt: [IPNetwork] = []) -> AddressCategory? {
        exempt.contains { $0.contains(address) } ? nil : AddressCategory(address)
    }

    /// Whether the scan may contact `host`, and where to connect.
    public func admit(_ host: String) async -> Admission {
        if let refusal = Self.scopeRefusal(of: host, allowed: allowed) { return .refused(refusal) }
        guard hosted else { return .allowed(connectTo: host) }
        let key = Self.canonical(host)
        let task = pinned.withLock { pinned in
            if let task = pinned[key] { return task }
            let task = Task { await self.check(host) }
            pinned[key] = task
            return task
        }
        return await task.value
    }

    /// Hosted mode's decision for `host`: its address, or every address its name resolves to,
    /// must be public; the first one is where connections go.
    private func check(_ host: String) async -> Admission {
        if let literal = IPAddress(host) {
            guard let category = Self.refusedCategory(of: literal, exempt: exempt) else {
                return .allowed(connectTo: literal.description)
            }
            return .refused("\(host) is \(literal), a \(category.rawValue) address")
        }
        let addresses: [IPAddress]
        do {
            addresses = try await resolve(host)
        } catch {
            return .refused("\(error)")
        }
        guard let first = addresses.first else { return .refused("\(host) resolves to no address") }
        for address in addresses where !exemptNames.contains(Self.canonical(host)) {
            if let category = Self.refusedCategory(of: address, exempt: exempt) {
                return .refused("\(host) resolves to \(address), a \(category.rawValue) address")
            }
        }
        return .allowed(connectTo: first.description)
    }
}
