import Foundation
import ScantrailCore
import ScantrailStore

/// Everything a per-scan report is rendered from: the result, the rules it refers to, and —
/// when the scan is recorded — what the evidence trail knows of its findings.
public struct ReportInput: Sendable {
    /// Where the API description the scan used lives in the repository, and the line of each
    /// documented operation in it: SARIF locates findings there.
    public struct Description: Sendable, Hashable {
        /// The description file, relative to the repository root (`api/openapi.yaml`).
        public let path: String
        /// The line of each operation (`GET /users/{id}` → 42), where it is found.
        public let lines: [String: Int]

        /// A description at `path` with its operations' lines.
        public init(path: String, lines: [String: Int]) {
            self.path = path
            self.lines = lines
        }
    }

    /// The scan.
    public let result: ScanResult
    /// The rules, for their descriptions, references and mappings.
    public let catalogue: RuleCatalogue
    /// The tracked findings the scan judged, by fingerprint; empty when the scan is not recorded.
    public var trail: [Fingerprint: TrackedFinding]
    /// Findings new in this scan: first seen in it, or not failing in the baseline; `nil` when unknown.
    public var new: Set<Fingerprint>?
    /// The description, when the scan used one from a file.
    public var description: Description?
    /// The target's recorded scans, oldest first, for trends; empty when not recorded.
    public var history: [ScanRecord]
    /// Every tracked finding of the target, for the SLA trend; empty when not recorded.
    public var targetFindings: [TrackedFinding]
    /// The SLA policy, for the deadlines of findings the trail does not hold.
    public var policy: SLAPolicy
    /// The moment SLA states are judged at.
    public var now: Date

    /// The input for `result`; add the trail, what is new and the description where known.
    public init(
        result: ScanResult, catalogue: RuleCatalogue, trail: [TrackedFinding] = [], new: Set<Fingerprint>? = nil,
        description: Description? = nil, history: [ScanRecord] = [], targetFindings: [TrackedFinding] = [],
        policy: SLAPolicy = SLAPolicy(), now: Date = Date()
    ) {
        self.history = history
        self.targetFindings = targetFindings
        self.result = result
        self.catalogue = catalogue
        self.trail = Dictionary(trail.map { ($0.fingerprint, $0) }, uniquingKeysWith: { first, _ in first })
        self.new = new
        self.description = description
        self.policy = policy
        self.now = now
    }

    /// The deadline of `finding`: the trail's frozen one, else the policy's from this scan.
    func dueAt(_ finding: Finding) -> Date? {
        if let tracked = trail[finding.fingerprint] { return tracked.dueAt }
        return policy.days(for: finding.severity).map { result.startedAt.addingTimeInterval(Double($0) * 86_400) }
    }
}
