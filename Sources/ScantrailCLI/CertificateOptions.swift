import ArgumentParser
import ScantrailApp

/// How served certificates are judged: the roots to trust and when expiry counts as near.
struct CertificateOptions: ParsableArguments {
    @Option(
        name: .customLong("ca-file"),
        help: ArgumentHelp(
            "PEM bundle of the roots to trust instead of the system's (e.g. a private CA).", valueName: "path"))
    var caFile: String?

    @Option(help: "Days before a certificate expires that count as expiring soon.")
    var expiryWarningDays = 30

    /// The settings these options describe (validated where they are used).
    var settings: CertificateSettings {
        CertificateSettings(caFile: caFile, expiryWarningDays: expiryWarningDays)
    }
}
