import Synchronization

/// Wraps a scan's HTTP probe for one check, counting the requests that check put on the wire.
final class CountingProbe: HTTPProbing {
    private let inner: any HTTPProbing
    private let sent = Mutex(0)

    init(_ inner: any HTTPProbing) {
        self.inner = inner
    }

    func send(_ request: ProbeRequest) async throws -> HTTPExchange {
        let exchange = try await inner.send(request)
        sent.withLock { $0 += exchange.requestsSent }
        return exchange
    }

    /// Requests sent so far.
    var requestsSent: Int {
        sent.withLock { $0 }
    }
}
