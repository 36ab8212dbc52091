import ArgumentParser
import ScantrailTLS

/// How served certificates are judged: the roots to trust and when expiry counts as near.
struct CertificateOptions: ParsableArguments {
    @Option(
        name: .customLong("ca-file"),
        help: ArgumentHelp(
            "PEM bundle of the roots to trust instead of the system's (e.g. a private CA).", valueName: "path"))
    var caFile: String?

    @Option(help: "Days before a certificate expires that count as expiring soon.")
    var expiryWarningDays = 30

    func validate() throws {
        guard expiryWarningDays >= 0 else { throw ValidationError("--expiry-warning-days must be 0 or more") }
        if let caFile {
            do {
                _ = try TrustStore(pemFile: caFile)
            } catch {
                throw ValidationError("--ca-file: \(error.description)")
            }
        }
    }
}
