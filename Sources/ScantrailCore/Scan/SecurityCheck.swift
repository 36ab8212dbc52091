/// A security check, split in two so that stored evidence can always be re-evaluated:
/// ``collect(_:context:)`` does all the I/O and returns evidence; ``evaluate(_:)`` turns
/// evidence into outcomes without any I/O.
public protocol SecurityCheck: Sendable {
    /// What the check observed. It is stored in reports (after redaction) and fed back to
    /// ``evaluate(_:)`` as decoded from its stored form.
    associatedtype Evidence: Codable & Sendable

    /// Stable metadata: identifier, declared rules, whether it is active-only.
    static var metadata: CheckMetadata { get }

    /// Gathers evidence. All I/O goes through `context`.
    ///
    /// Transport failures belong in the evidence (a refused connection is an observation);
    /// throw only when the check cannot run at all, which the engine records as
    /// `inconclusive` with the error's description.
    func collect(_ target: ScanTarget, context: ScanContext) async throws -> Evidence

    /// Judges the evidence. Pure: the same evidence always gives the same outcomes.
    func evaluate(_ evidence: Evidence) -> [Outcome]
}
