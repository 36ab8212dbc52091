import ScantrailTLS

/// How served certificates are judged: the roots to trust and when expiry counts as near.
public struct CertificateSettings: Hashable, Sendable {
    /// A PEM bundle of roots to trust instead of the system's; `nil` uses the system's.
    public var caFile: String?
    /// Days before a certificate expires that count as expiring soon. Default 30.
    public var expiryWarningDays: Int

    /// Creates settings; the defaults trust the system's roots and warn 30 days ahead.
    public init(caFile: String? = nil, expiryWarningDays: Int = 30) {
        self.caFile = caFile
        self.expiryWarningDays = expiryWarningDays
    }

    /// Refuses a negative warning period and a CA bundle that cannot be read.
    ///
    /// - Throws: ``AppError`` naming the setting.
    public func validate() throws {
        guard expiryWarningDays >= 0 else { throw AppError.invalid(.expiryWarningDays, "must be 0 or more") }
        if let caFile {
            do {
                _ = try TrustStore(pemFile: caFile)
            } catch {
                throw AppError.invalid(.caFile, error.description)
            }
        }
    }
}
