import ArgumentParser
import ScantrailApp
import ScantrailCore
import ScantrailMonitor
import ScantrailServer

/// `scantrail serve`: the web service.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "Run the web service: the 'scan your API' page, live progress, reports, the dashboard and the REST API.",
        discussion: """
            Scans run in hosted mode: every name is resolved and loopback, private, link-local, CGNAT, ULA, \
            multicast and cloud-metadata addresses are refused (after resolution, pinned against rebinding, \
            re-checked on redirects), unless listed with --allow-target. Anonymous scans are passive, one at a \
            time per client, bounded in requests and time. Serve HTTPS with --tls-certificate and --tls-key, or \
            listen on 127.0.0.1 behind a TLS reverse proxy named with --trust-proxy. Sign in to /dashboard with a \
            key from 'scantrail api-keys create'; the REST API is described at /api/v1/openapi.json. --worker also runs the \
            scans monitored targets make due (one process for a small SQLite installation; with PostgreSQL, run \
            'scantrail worker' processes instead or as well).
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(
        help: ArgumentHelp(
            "An address, block (CIDR) or host name scans may reach despite hosted mode (repeatable).",
            valueName: "address|cidr|host"))
    var allowTarget: [String] = []

    @Flag(help: "Scan only the --allow-target addresses and names, as written; resolve nothing else.")
    var onlyAllowedTargets = false

    @Option(
        help: ArgumentHelp(
            "A reverse proxy whose X-Forwarded-For names the client, for per-client limits (repeatable).",
            valueName: "address"))
    var trustProxy: [String] = []

    @Option(help: ArgumentHelp("Serve HTTPS with this PEM certificate chain (with --tls-key).", valueName: "file"))
    var tlsCertificate: String?

    @Option(help: ArgumentHelp("The PEM private key of --tls-certificate.", valueName: "file"))
    var tlsKey: String?

    @Option(help: "Scans running at once; more wait in a queue.")
    var maxScans = 4

    @Flag(help: "Do not record scans in the evidence store.")
    var noStore = false

    @Flag(
        help:
            "Also run the scans monitored targets make due, in this process (as 'scantrail worker' with its defaults).")
    var worker = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1 to 65535") }
        guard (1...64).contains(maxScans) else { throw ValidationError("--max-scans must be 1 to 64") }
        for proxy in trustProxy where IPAddress(proxy) == nil {
            throw ValidationError("--trust-proxy '\(proxy.prefix(40))' is not an IP address")
        }
        if (tlsCertificate == nil) != (tlsKey == nil) {
            throw ValidationError("--tls-certificate and --tls-key go together")
        }
        if worker, noStore { throw ValidationError("--worker needs the evidence store; drop --no-store") }
        if onlyAllowedTargets, allowTarget.isEmpty {
            throw ValidationError("--only-allowed-targets needs at least one --allow-target")
        }
    }

    func run() async throws {
        var settings = ServerSettings()
        settings.host = host
        settings.port = port
        settings.allowTargets = allowTarget
        settings.onlyAllowedTargets = onlyAllowedTargets
        if let tlsCertificate, let tlsKey { settings.tls = (tlsCertificate, tlsKey) }
        settings.trustedProxies = trustProxy.compactMap(IPAddress.init)
        settings.maxConcurrentScans = maxScans
        settings.store = noStore ? nil : try store.settings()
        if worker {
            settings.worker = ScanWorker.Options()
            settings.workerEvents = { StandardError.write("scantrail: worker: \($0.description)") }
        }
        try settings.validate()
        let base = "\(settings.tls == nil ? "http" : "https")://\(host)"
        try await WebServer.run(settings, logger: logging.logger()) { port in
            StandardError.write("scantrail: serving on \(base):\(port)/")
        }
    }
}
