/// The bounds a scan keeps to, so that it is polite to the target and safe against a hostile
/// one. Every default is documented in the README and written into each report.
public struct ScanLimits: Hashable, Codable, Sendable {
    /// Most requests in flight to one host (and so connections). Default 8.
    public var maxConnectionsPerHost: Int = 8
    /// Most checks running at once. Default 8.
    public var maxConcurrentChecks: Int = 8
    /// Most requests put on the wire in the whole scan. Default 1,000.
    public var requestBudget: Int = 1000
    /// Seconds one request (connect, send, whole response) may take. Default 10.
    public var requestTimeoutSeconds: Double = 10
    /// Seconds between two reads of a response before it counts as stalled. Default 5.
    public var readTimeoutSeconds: Double = 5
    /// Seconds the whole scan may take; checks still running then end inconclusive. Default 120.
    public var scanDeadlineSeconds: Double = 120
    /// Bytes of a response body kept; reading stops there. Default 1 MiB.
    public var maxBodyBytes: Int = 1 << 20
    /// Most times a compressed body may expand. Default 100.
    public var maxDecompressionRatio: Int = 100
    /// Most redirects followed for one request (same host only). Default 5.
    public var maxRedirects: Int = 5
    /// Most retries after a `429 Too Many Requests`. Default 2.
    public var maxRateLimitRetries: Int = 2
    /// Longest wait honoured from a `Retry-After` header, in seconds. Default 5.
    public var maxRetryAfterSeconds: Double = 5

    /// The defaults.
    public init() {}
}
