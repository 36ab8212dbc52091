/// How a finding stands against its remediation deadline.
public enum SLAStatus: String, Codable, Sendable {
    /// Fixed on or before the deadline.
    case met
    /// Fixed after the deadline.
    case missed
    /// Open, deadline not yet passed.
    case openWithin = "open-within"
    /// Open past its deadline.
    case openOverdue = "open-overdue"
    /// No deadline applies (informational, accepted or false positive).
    case notApplicable = "n/a"
}
