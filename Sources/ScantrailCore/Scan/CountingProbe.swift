import Synchronization

/// Wraps a scan's HTTP probe for one check, counting the requests that check put on the wire
/// and keeping its successful responses in the scan's ``ResponseLog``.
final class CountingProbe: HTTPProbing {
    private let inner: any HTTPProbing
    private let log: ResponseLog?
    private let sent = Mutex(0)

    init(_ inner: any HTTPProbing, log: ResponseLog? = nil) {
        self.inner = inner
        self.log = log
    }

    func send(_ request: ProbeRequest) async throws -> HTTPExchange {
        let exchange = try await inner.send(request)
        sent.withLock { $0 += exchange.requestsSent }
        log?.record(exchange)
        return exchange
    }

    /// Requests sent so far.
    var requestsSent: Int {
        sent.withLock { $0 }
    }
}
