import NIOSSL
import ScantrailApp
import ScantrailCore
import ScantrailMonitor

/// How the web service runs: where it listens, where it records, and the limits that make it
/// safe to host on the internet.
public struct ServerSettings: Sendable {
    /// The address to listen on (127.0.0.1 by default: put a TLS reverse proxy in front).
    public var host = "127.0.0.1"
    /// The port (0 picks a free one).
    public var port = 8080
    /// The certificate chain and key to serve HTTPS with (PEM files); `nil` serves plain HTTP,
    /// for a TLS reverse proxy in front.
    public var tls: (certificateChain: String, privateKey: String)?
    /// Where scans are recorded; `nil` records nothing.
    public var store: StoreSettings?
    /// Addresses, blocks (CIDR) and host names hosted mode lets scans reach anyway
    /// (`--allow-target`), for internal use.
    public var allowTargets: [String] = []
    /// Scan only the hosts and addresses in ``allowTargets``, named literally (no name is even
    /// resolved otherwise): an internal server for one's own APIs (`--only-allowed-targets`).
    public var onlyAllowedTargets = false
    /// Reverse proxies whose `X-Forwarded-For` names the client (`--trust-proxy`).
    public var trustedProxies: [IPAddress] = []
    /// Anonymous scans a client may start per hour.
    public var anonymousScansPerHour = 10
    /// Anonymous scans of one target host per hour, whoever asks.
    public var anonymousScansPerHostPerHour = 20
    /// Seconds a connection may send nothing while its request is unfinished, or while it holds
    /// no request at all, before it is closed (a slow-loris client; an idle keep-alive).
    public var idleTimeoutSeconds = 30
    /// Scans running at once; more wait in a queue.
    public var maxConcurrentScans = 4
    /// Scans waiting at most; beyond that new ones are refused (429).
    public var maxQueuedScans = 64
    /// Scans one API key may have queued or running at once (an anonymous client: one).
    public var maxActiveScansPerKey = 8
    /// Seconds a scan started with an API key may take.
    public var keyDeadlineSeconds = 900.0
    /// Wrong API keys and failed dashboard sign-ins one client may make in
    /// ``failedSignInWindowSeconds``; past that, every key it sends is refused (429) until the
    /// window ends.
    public var maxFailedSignIns = 10
    /// The window over which ``maxFailedSignIns`` counts.
    public var failedSignInWindowSeconds = 900
    /// Seconds an anonymous scan may take.
    public var anonymousDeadlineSeconds = 60.0
    /// Requests an anonymous scan may send.
    public var anonymousBudget = 400
    /// Runs the scans monitored targets make due inside the service (`serve --worker`: one
    /// process for a small installation on SQLite); `nil` leaves them to `scantrail worker`.
    public var worker: ScanWorker.Options?
    /// Receives what the in-process worker does (the CLI prints it, as `scantrail worker` does).
    public var workerEvents: @Sendable (WorkerEvent) -> Void = { _ in }

    /// The defaults.
    public init() {}

    /// When a hosted scan with `deadline` seconds is stopped whatever it is doing: the deadline
    /// and half as long again, plus five seconds to record what it found.
    static func hardDeadline(_ deadline: Double) -> Double { deadline * 1.5 + 5 }

    /// Refuses settings the service cannot run with.
    ///
    /// - Throws: ``AppError`` naming the setting.
    public func validate() throws {
        var scan = ScanSettings()
        scan.exemptAddresses = allowTargets
        try scan.validate()
        _ = try tlsConfiguration()
        if worker != nil && store == nil {
            throw AppError.invalid("an in-process worker needs the evidence store")
        }
    }

    /// The TLS configuration of ``tls`` (TLS 1.2 and up), or `nil` for plain HTTP.
    ///
    /// - Throws: ``AppError`` when a file cannot be read or holds no certificate or key.
    func tlsConfiguration() throws -> TLSConfiguration? {
        guard let (chainPath, keyPath) = tls else { return nil }
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(chainPath)
        } catch {
            throw AppError.invalid("cannot read a PEM certificate chain from \(chainPath)")
        }
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw AppError.invalid("cannot read a PEM private key from \(keyPath)")
        }
        guard !chain.isEmpty else { throw AppError.invalid("\(chainPath) holds no certificate") }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }

    /// Whether `host` (a URL's, as written) is one of ``allowTargets``: an address inside one of
    /// its blocks, or one of its names. Nothing is resolved.
    func allows(_ host: String) -> Bool {
        let canonical = TargetGuard.canonical(host)
        if let address = IPAddress(host) { return allowTargets.contains { IPNetwork($0)?.contains(address) == true } }
        return allowTargets.contains { TargetGuard.canonical($0) == canonical }
    }
}
