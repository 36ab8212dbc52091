/// Sends HTTP requests for checks. The scan's implementation (in ScantrailHTTP) enforces
/// the request budget, the per-host connection cap, timeouts, size limits, back-off on 429
/// and redirect policy; checks only see the resulting ``HTTPExchange``.
public protocol HTTPProbing: Sendable {
    /// Sends a request and records the exchange.
    ///
    /// Transport problems do not throw: they come back as ``HTTPExchange/failure``.
    ///
    /// - Throws: `CancellationError` when the scan was cancelled or hit its deadline.
    func send(_ request: ProbeRequest) async throws -> HTTPExchange
}
