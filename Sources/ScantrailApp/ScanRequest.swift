import Logging
import ScantrailCore

/// A scan as any front end submits it — the CLI, the web service, a scheduled worker: the
/// target, where its description comes from, who to call it as, how to scan, and where (and
/// whether) to record it.
public struct ScanRequest: Sendable {
    /// The API's base URL, validated.
    public var target: ScanTarget
    /// Where the OpenAPI description comes from.
    public var description: DescriptionSource
    /// Identities to call the API as, in the order given.
    public var identities: [IdentitySource]
    /// Limits, checks and modes.
    public var settings: ScanSettings
    /// The evidence store to record the scan in; `nil` records nothing.
    public var store: StoreSettings?
    /// A recorded scan (number or id) whose failing findings do not count toward the gate.
    public var baseline: String?
    /// The lowest severity that fails the scan.
    public var failOn: FailThreshold
    /// Where the scan's diagnostics go (the engine's at info and debug, each exchange at trace,
    /// URLs redacted); nowhere by default.
    public var logger: Logger

    /// Creates a request; by default every passive check runs, nothing is recorded, and high
    /// findings fail it.
    public init(
        target: ScanTarget,
        description: DescriptionSource = .automatic,
        identities: [IdentitySource] = [],
        settings: ScanSettings = ScanSettings(),
        store: StoreSettings? = nil,
        baseline: String? = nil,
        failOn: FailThreshold = .high,
        logger: Logger = Logger(label: "scantrail", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.target = target
        self.description = description
        self.identities = identities
        self.settings = settings
        self.store = store
        self.baseline = baseline
        self.failOn = failOn
        self.logger = logger
    }
}
