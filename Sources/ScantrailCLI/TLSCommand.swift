import ArgumentParser
import Foundation
import ScantrailApp
import ScantrailReports
import ScantrailTLS

/// `scantrail tls HOST[:PORT]`: the TLS prober on its own.
struct TLSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls",
        abstract: "Probe a server's TLS and certificate: versions, suites, groups, chain, grade.",
        discussion: """
            Sends hand-built ClientHellos (no TLS library involved), so it also finds what modern \
            libraries cannot speak: SSLv3, export, NULL, RC4 and anonymous suites. Suites are found \
            by elimination, all versions in parallel within --max-connections. The chain is judged \
            against the system's roots or --ca-file; the grade follows the SSL Labs rating guide and \
            lists every cap (A+ needs HSTS, which only `scan` fetches).
            """
    )

    @Argument(help: "HOST, HOST:PORT, [IPv6]:PORT or an https:// URL (port 443 by default).")
    var target: String

    @Option(help: "Server name to send as SNI (default: the host, when it is a name).")
    var sni: String?

    @Option(help: "Connect to this address instead of resolving the host (probe one address of a name).")
    var ip: String?

    @Option(help: "Most connections open at once.")
    var maxConnections = 8

    @Option(help: "Seconds to wait for a connection and a reply.")
    var timeout = 5.0

    @OptionGroup var certificates: CertificateOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() async throws {
        try certificates.settings.validate()
        let probeTarget = try TLSProbeTarget(parsing: target, serverName: sni, address: ip)
        var settings = TLSProbeSettings()
        settings.maxConnections = maxConnections
        settings.timeoutSeconds = timeout
        settings.caFile = certificates.caFile
        let result: TLSScanResult
        do {
            result = try await TLSProber(target: probeTarget, settings: settings).scan()
        } catch let error as TLSProbeError {
            StandardError.write("scantrail: \(error)")
            throw ExitStatus.scanFailed
        }
        let report = TLSProbeReport(result, warningDays: certificates.expiryWarningDays)
        let data: Data
        switch output.format {
        case .json: data = try JSONRendering.render(report)
        case .text: data = Data(TLSTextRenderer().render(report).utf8)
        }
        try output.write(data)
    }
}
