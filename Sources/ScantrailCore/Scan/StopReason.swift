/// Why a scan stopped before its end. Its raw value is what reports write.
public enum StopReason: String, Codable, Sendable, Hashable {
    /// The scan's deadline passed.
    case deadline
    /// Whoever ran the scan cancelled it (Ctrl-C, a cancelled task).
    case cancelled

    /// How a check left unfinished explains itself: `scan deadline reached`, `scan cancelled`.
    public var explanation: String {
        switch self {
        case .deadline: "scan deadline reached"
        case .cancelled: "scan cancelled"
        }
    }
}
