import Foundation

/// The served certificate chain judged at one moment: each problem the certificate rules
/// report, as a ``TLSScanResult/Finding`` whose verdict `yes` means the problem is present.
public struct CertificateReport: Codable, Sendable {
    /// When the chain was judged: expiry verdicts hold for this moment.
    public let evaluatedAt: Date
    /// The roots trust was judged against, or why none could be loaded.
    public let trustStore: String
    /// The name the certificate must cover (the SNI name, else the address probed).
    public let expectedName: String
    /// Days before expiry that count as "expiring soon".
    public let expiryWarningDays: Int
    /// The served certificates, leaf first, as read.
    public let chain: [CertificateFacts]
    /// Served certificates that could not be read, with the reason.
    public let unreadable: [String]
    /// Whole days until the leaf expires (negative once expired).
    public let daysLeft: Int?
    /// A certificate of the path is past its notAfter.
    public let expired: TLSScanResult.Finding
    /// A certificate of the path is before its notBefore.
    public let notYetValid: TLSScanResult.Finding
    /// The leaf expires within ``expiryWarningDays``.
    public let expiringSoon: TLSScanResult.Finding
    /// The leaf does not cover ``expectedName``.
    public let hostnameMismatch: TLSScanResult.Finding
    /// A certificate of the path has an RSA/DSA key under 2048 bits or an EC key under 256.
    public let weakKey: TLSScanResult.Finding
    /// A certificate of the path is signed with MD2, MD5 or SHA-1.
    public let weakSignature: TLSScanResult.Finding
    /// The leaf is issued by itself.
    public let selfSigned: TLSScanResult.Finding
    /// The served chain stops before a certificate the trust store knows the issuer of.
    public let incompleteChain: TLSScanResult.Finding
    /// No chain from the leaf to a trusted root verifies (signatures, CA constraints, names).
    public let untrusted: TLSScanResult.Finding
}

extension TLSScanResult.Finding {
    /// The problem is present.
    static func present(_ evidence: String) -> Self { .init(verdict: .yes, evidence: evidence) }
    /// The problem is absent.
    static func absent(_ evidence: String) -> Self { .init(verdict: .no, evidence: evidence) }
    /// The problem could not be judged.
    static func unknown(_ evidence: String) -> Self { .init(verdict: .inconclusive, evidence: evidence) }
}
