import ScantrailApp
import ScantrailCore

/// How the web service runs: where it listens, where it records, and the limits that make it
/// safe to host on the internet.
public struct ServerSettings: Sendable {
    /// The address to listen on (127.0.0.1 by default: put a TLS reverse proxy in front).
    public var host = "127.0.0.1"
    /// The port (0 picks a free one).
    public var port = 8080
    /// Where scans are recorded; `nil` records nothing.
    public var store: StoreSettings?
    /// Addresses hosted mode lets scans reach anyway (`--allow-target`), for internal use.
    public var allowTargets: [String] = []
    /// Scans running at once; more wait in a queue.
    public var maxConcurrentScans = 4
    /// Scans waiting at most; beyond that new ones are refused (429).
    public var maxQueuedScans = 64
    /// Seconds an anonymous scan may take.
    public var anonymousDeadlineSeconds = 60.0
    /// Requests an anonymous scan may send.
    public var anonymousBudget = 400

    /// The defaults.
    public init() {}

    /// Refuses settings the service cannot run with.
    ///
    /// - Throws: ``AppError`` naming the setting.
    public func validate() throws {
        for address in allowTargets where IPAddress(address) == nil {
            throw AppError.invalid(.allowTarget, "'\(address.prefix(40))' is not an IP address")
        }
    }
}
