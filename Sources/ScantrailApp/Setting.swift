/// The settings of a scan request that a front end takes from its user, named as the CLI's
/// flags and the REST API's fields name them.
public enum Setting: String, Hashable, Sendable, CaseIterable {
    /// Most requests for the whole scan.
    case budget
    /// Seconds one request may take.
    case timeout
    /// Seconds the whole scan may take.
    case deadline
    /// Most connections to the target host.
    case maxConnections = "max-connections"
    /// Port of the cleartext twin of an HTTPS API.
    case httpPort = "http-port"
    /// A header added to every request.
    case header
    /// A check to run.
    case check
    /// Requests per rate-limit burst.
    case burst
    /// Longest acceptable JWT lifetime.
    case maxTokenLifetime = "max-token-lifetime"
    /// A file of extra JWT key candidates.
    case jwtWordlist = "jwt-wordlist"
    /// Roots to trust instead of the system's.
    case caFile = "ca-file"
    /// Days before expiry that count as soon.
    case expiryWarningDays = "expiry-warning-days"
    /// An identity to call the API as.
    case identity
    /// A recorded scan to gate against.
    case baseline
    /// A host the scan may contact besides the target.
    case allowHost = "allow-host"
    /// The forward proxy.
    case proxy
    /// When a risk acceptance lapses.
    case expires
    /// A report file to write.
    case output
    /// An address the web service may scan despite hosted mode.
    case allowTarget = "allow-target"
    /// A request never to send.
    case exclude
    /// Where targets reach the scan's callback listener.
    case callbackURL = "callback-url"
    /// The address the callback listener binds.
    case callbackListen = "callback-listen"
}
