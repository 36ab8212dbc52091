/// How hard the prober may push one server.
public struct TLSProbeSettings: Sendable {
    /// Most connections open to the server at once. Default 8.
    public var maxConnections = 8
    /// Seconds to wait for a connection and a reply. Default 5.
    public var timeoutSeconds = 5.0
    /// Most handshakes in one scan (elimination needs about one per accepted suite plus a few
    /// per protocol). Default 1,000.
    public var handshakeBudget = 1000
    /// A PEM bundle of the roots to trust instead of the system's (`--ca-file`).
    public var caFile: String?

    /// The defaults.
    public init() {}

    /// The roots chains are judged against: ``caFile`` when set, else the system's.
    public func loadTrustStore() -> Result<TrustStore, TrustStoreError> {
        Result { () throws(TrustStoreError) in
            if let caFile { try TrustStore(pemFile: caFile) } else { try TrustStore.system() }
        }
    }
}
