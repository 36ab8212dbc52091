/// When a check runs. Every check of a phase finishes before the next phase starts, so what
/// one check leaves behind never races with what another observes: the same target gives the
/// same findings however the requests interleave.
public enum CheckPhase: Int, Sendable, Hashable, Comparable, CaseIterable, Codable {
    /// Observes the API as it is: most checks, side by side.
    case probe
    /// Leaves the server changed in ways other checks would see (a burst that trips a rate
    /// limit, a write to the identity's own profile, a logout): these run after every probe,
    /// one at a time, in the order listed.
    case disruptive
    /// Reads what the other checks received (``ScanContext/responses``): runs last.
    case review

    public static func < (lhs: CheckPhase, rhs: CheckPhase) -> Bool { lhs.rawValue < rhs.rawValue }
}
