import ScantrailCore

/// The server a TLS probe talks to.
public struct TLSProbeTarget: Hashable, Sendable, Codable {
    /// The host name (or address) as the user gave it.
    public let host: String
    /// The TCP port.
    public let port: Int
    /// The name sent as SNI; `nil` sends none (address literals).
    public let serverName: String?
    /// The address to connect to, when one address of a name is probed (`--ip`).
    public let address: String?

    /// Creates a target; SNI defaults to the host when it is a name.
    public init(host: String, port: Int = 443, serverName: String? = nil, address: String? = nil) {
        self.host = host
        self.port = port
        self.serverName = serverName ?? (HostName.isAddressLiteral(host) ? nil : host)
        self.address = address
    }

    /// Where connections go.
    var connectHost: String { address ?? host }

    /// `host:port`, with an IPv6 literal in brackets (`[::1]:443`).
    public var hostAndPort: String { Self.join(host, port) }

    /// `connectHost:port`, bracketed the same way.
    var connectHostAndPort: String { Self.join(connectHost, port) }

    private static func join(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
