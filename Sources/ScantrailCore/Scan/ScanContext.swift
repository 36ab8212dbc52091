import Logging

/// What a check may use while collecting evidence: the probes, the configuration and a logger.
public struct ScanContext: Sendable {
    /// The HTTP probe (budgeted, capped, recorded).
    public let http: any HTTPProbing
    /// The scan's configuration.
    public let configuration: ScanConfiguration
    /// The scan's soft-404 baseline: ask it before judging any probed path.
    public let softNotFound: SoftNotFoundBaseline
    /// The successful responses the scan received so far (complete for checks of the
    /// ``CheckPhase/review`` phase, which run last).
    public let responses: ResponseLog
    /// A logger for diagnostics; checks report results as outcomes, never as log lines.
    public let logger: Logger
    /// Decides every connection: ask it before any I/O that does not go through ``http``
    /// (the TLS prober's handshakes).
    public let targetGuard: TargetGuard
    /// The per-host connection cap ``http`` keeps to: I/O beside it (the TLS prober's
    /// handshakes) takes its slots from the same cap, so a host never sees more than
    /// ``ScanLimits/maxConnectionsPerHost`` connections from the scan.
    public let connections: HostConnectionLimiter
    /// Work the scan's checks share, done once per scan (the whole API's answers).
    public let memo: ScanMemo
    /// Issues out-of-band probes and holds what the callback listener received; `nil` when the
    /// scan runs no listener (passive scans, or none reachable).
    public let callbacks: CallbackRecorder?

    /// Creates a context.
    public init(
        http: any HTTPProbing,
        configuration: ScanConfiguration,
        softNotFound: SoftNotFoundBaseline,
        responses: ResponseLog = ResponseLog(),
        logger: Logger,
        targetGuard: TargetGuard? = nil,
        connections: HostConnectionLimiter? = nil,
        memo: ScanMemo = ScanMemo(),
        callbacks: CallbackRecorder? = nil
    ) {
        self.http = http
        self.configuration = configuration
        self.softNotFound = softNotFound
        self.responses = responses
        self.logger = logger
        self.targetGuard = targetGuard ?? TargetGuard(configuration)
        self.connections =
            connections ?? HostConnectionLimiter(limitPerHost: configuration.limits.maxConnectionsPerHost)
        self.memo = memo
        self.callbacks = callbacks
    }
}
