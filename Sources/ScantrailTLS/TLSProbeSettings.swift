/// How hard the prober may push one server.
public struct TLSProbeSettings: Sendable {
    /// Most connections open to the server at once. Default 8.
    public var maxConnections = 8
    /// Seconds to wait for a connection and a reply. Default 5.
    public var timeoutSeconds = 5.0
    /// Most handshakes in one scan (elimination needs about one per accepted suite plus a few
    /// per protocol). Default 1,000.
    public var handshakeBudget = 1000

    /// The defaults.
    public init() {}
}
