import ScantrailCore

/// Where a request goes on the wire: scheme, host and port. Connections are pooled per endpoint.
///
/// Parsed from the URL string directly: the probe sends tens of thousands of requests a second,
/// and needs only the authority and the request target of URLs the scan built itself.
struct Endpoint: Hashable, Sendable {
    /// Whether the connection speaks TLS (`https`).
    let usesTLS: Bool
    /// The host as a name or an address literal, without IPv6 brackets.
    let host: String
    /// The TCP port.
    let port: Int
    /// The address to connect to instead of resolving ``host`` (the target guard's pin).
    var address: String?
    /// The forward proxy connections go through, if any.
    var proxy: ProxyConfiguration?

    /// The endpoint of an absolute `http` or `https` URL, and its request target (path and
    /// query as written, `/` when empty; the fragment dropped); `nil` for anything else, or for a
    /// URL with spaces or control characters.
    static func parse(_ url: String) -> (endpoint: Endpoint, target: String)? {
        let bytes = Array(url.utf8)
        guard !bytes.contains(where: { $0 <= 0x20 || $0 == 0x7F }),
            let schemeEnd = bytes.firstIndex(of: UInt8(ascii: ":")),
            bytes[schemeEnd...].starts(with: "://".utf8)
        else { return nil }
        let usesTLS: Bool
        switch String(decoding: bytes[..<schemeEnd], as: UTF8.self).lowercased() {
        case "http": usesTLS = false
        case "https": usesTLS = true
        default: return nil
        }
        let authorityStart = schemeEnd + 3
        let authorityEnd =
            bytes[authorityStart...].firstIndex {
                $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
            }
            ?? bytes.endIndex
        let authority = bytes[authorityStart..<authorityEnd]
        guard !authority.contains(UInt8(ascii: "@")),
            let (host, port) = splitHostAndPort(authority, defaultPort: usesTLS ? 443 : 80)
        else { return nil }
        let targetEnd = bytes[authorityEnd...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.endIndex
        var target = String(decoding: bytes[authorityEnd..<targetEnd], as: UTF8.self)
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        return (Endpoint(usesTLS: usesTLS, host: host, port: port), target)
    }

    private static func splitHostAndPort(_ authority: ArraySlice<UInt8>, defaultPort: Int) -> (String, Int)? {
        let hostEnd: Int
        let host: String
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            host = String(decoding: authority[(authority.startIndex + 1)..<close], as: UTF8.self)
            hostEnd = close + 1
        } else {
            hostEnd = authority.firstIndex(of: UInt8(ascii: ":")) ?? authority.endIndex
            host = String(decoding: authority[..<hostEnd], as: UTF8.self)
        }
        guard !host.isEmpty else { return nil }
        guard hostEnd < authority.endIndex else { return (host, defaultPort) }
        guard authority[hostEnd] == UInt8(ascii: ":"),
            let port = Int(String(decoding: authority[(hostEnd + 1)...], as: UTF8.self)), (1...65535).contains(port)
        else { return nil }
        return (host, port)
    }

    /// The same endpoint, connecting to `address` (a literal the guard checked) unless it is the
    /// host itself, through `proxy` unless the host bypasses it.
    func connecting(to address: String, via proxy: ProxyConfiguration? = nil) -> Endpoint {
        var pinned = self
        pinned.address = address == host ? nil : address
        pinned.proxy = proxy?.applies(to: host) == true ? proxy : nil
        return pinned
    }

    /// Where the TCP connection goes (or, through a proxy, what the proxy is asked to reach).
    var connectHost: String { address ?? host }

    /// `connectHost:port`, an IPv6 literal in brackets: what a proxy is asked to reach.
    var connectAuthority: String {
        (connectHost.contains(":") ? "[\(connectHost)]" : connectHost) + ":\(port)"
    }

    /// The limiter's key: one queue of connection slots per host and port.
    var slotKey: String { "\(host):\(port)" }

    /// The `Host` header: the port only when it is not the scheme's default.
    var hostHeader: String {
        let name = isIPv6 ? "[\(host)]" : host
        return port == (usesTLS ? 443 : 80) ? name : "\(name):\(port)"
    }

    /// The name to send as SNI: host names only, never address literals (RFC 6066, section 3).
    var serverName: String? {
        HostName.isAddressLiteral(host) ? nil : host
    }

    private var isIPv6: Bool { host.contains(":") }
}
