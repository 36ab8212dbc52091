/// How much a failed rule matters, from informational to critical.
///
/// Severities are ordered: `.critical > .high > .medium > .low > .info`, which is what
/// `--fail-on` thresholds and report grouping rely on.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info
    case low
    case medium
    case high
    case critical

    /// Position in the order, lowest first.
    private var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }
}
