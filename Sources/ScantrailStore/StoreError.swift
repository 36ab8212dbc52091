/// Why the evidence store could not do what was asked. Descriptions are one line and never
/// quote evidence, tokens or bodies.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case unavailable(String)
        case corrupt(String)
        case notFound(String)
        case ambiguous(String)
        case invalid(String)
        case leaseLost(String)
    }

    private let code: Code

    /// The database cannot be opened or reached.
    public static func unavailable(_ detail: String) -> Self { Self(code: .unavailable(detail)) }
    /// Stored data does not have the expected shape.
    public static func corrupt(_ detail: String) -> Self { Self(code: .corrupt(detail)) }
    /// No scan or finding has that identifier.
    public static func notFound(_ what: String) -> Self { Self(code: .notFound(what)) }
    /// An identifier prefix matches more than one finding or scan.
    public static func ambiguous(_ what: String) -> Self { Self(code: .ambiguous(what)) }
    /// A request the store refuses (e.g. retention under 90 days).
    public static func invalid(_ detail: String) -> Self { Self(code: .invalid(detail)) }
    /// A worker's claim on a scan job has lapsed: another worker took it over, or it ended.
    public static func leaseLost(_ jobID: String) -> Self { Self(code: .leaseLost(jobID)) }

    /// Whether the request was at fault (unknown, ambiguous or refused), rather than the
    /// database (unreachable or corrupt).
    public var isRequestError: Bool {
        switch code {
        case .notFound, .ambiguous, .invalid: true
        case .unavailable, .corrupt, .leaseLost: false
        }
    }

    /// Whether nothing has the identifier asked for (a web service's 404).
    public var isNotFound: Bool {
        if case .notFound = code { true } else { false }
    }

    /// Whether a worker lost its claim on the job it ran (nothing of it was recorded).
    public var isLeaseLost: Bool {
        if case .leaseLost = code { true } else { false }
    }

    public var description: String {
        switch code {
        case .unavailable(let detail): detail
        case .corrupt(let detail): "the evidence store is corrupt: \(detail)"
        case .notFound(let what): "no \(what)"
        case .ambiguous(let what): "\(what) is ambiguous; give more characters"
        case .invalid(let detail): detail
        case .leaseLost(let id):
            "scan job \(id) is no longer this worker's: its lease lapsed and another worker took it"
        }
    }
}
