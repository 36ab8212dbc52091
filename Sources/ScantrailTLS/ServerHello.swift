/// What a server's first flight said, as far as the prober read it.
public struct ServerHello: Hashable, Sendable {
    /// The version negotiated (from supported_versions for TLS 1.3).
    public let version: UInt16
    /// The suite chosen.
    public let suite: UInt16
    /// The compression method chosen (1 is DEFLATE).
    public let compression: UInt8
    /// Whether it is a HelloRetryRequest (TLS 1.3: version and suite accepted, another key
    /// share wanted).
    public let isHelloRetryRequest: Bool
    /// The group of the server's key share, or the one a HelloRetryRequest asks for.
    public let keyShareGroup: UInt16?
    /// Extension types present.
    public let extensions: Set<UInt16>
    /// The curve or finite-field size of a TLS ≤ 1.2 ephemeral key exchange, when read.
    public var keyExchange: KeyExchangeParameters?
    /// Certificates as served (DER, leaf first), for TLS ≤ 1.2 where they travel in clear.
    public var certificates: [[UInt8]] = []
    /// Whether an OCSP response was stapled (CertificateStatus message).
    public var staplesOCSP = false

    /// Whether the server supports secure renegotiation (RFC 5746).
    public var supportsSecureRenegotiation: Bool { extensions.contains(0xFF01) }
}

/// The parameters of an ephemeral key exchange in a TLS ≤ 1.2 ServerKeyExchange.
public enum KeyExchangeParameters: Hashable, Sendable {
    /// ECDHE over a named group.
    case namedGroup(UInt16)
    /// DHE with a prime of this many bits.
    case finiteField(bits: Int)
}
