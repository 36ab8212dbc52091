/// How a server answered one ClientHello.
public enum HelloOutcome: Hashable, Sendable {
    /// A ServerHello (or HelloRetryRequest) came back.
    case accepted(ServerHello)
    /// An alert came back instead.
    case rejected(TLSAlert)
    /// No verdict: a timeout, a reset, a closed connection, or an alert that blames our hello.
    /// Never to be read as "rejected".
    case inconclusive(String)
    /// The reply is not TLS at all (a plaintext service on the port); the associated value
    /// shows how it began.
    case notTLS(String)
}
