import Foundation

/// Everything one scan produced, in the shape of the JSON report (docs/report-format.md).
public struct ScanResult: Codable, Sendable {
    /// Version of the report schema. Bumped on any incompatible change.
    public static let schemaVersion = "1.1"

    /// Whether the scan ran to its end.
    public struct Completion: Codable, Sendable, Hashable {
        /// `complete` or `incomplete`.
        public let status: String
        /// Why it is incomplete.
        public let reason: StopReason?

        /// A scan that ran every check to its end.
        public static let complete = Completion(status: "complete", reason: nil)
        /// A scan cut short.
        public static func incomplete(_ reason: StopReason) -> Completion {
            Completion(status: "incomplete", reason: reason)
        }

        /// Whether the scan ran to its end.
        public var isComplete: Bool { status == "complete" }
    }

    /// Counts for a summary line.
    public struct Summary: Codable, Sendable, Hashable {
        /// Outcomes that passed.
        public let passed: Int
        /// Outcomes that failed.
        public let failed: Int
        /// Outcomes with nothing to judge (the thing is not there).
        public let notApplicable: Int
        /// Outcomes that could not be judged.
        public let inconclusive: Int
        /// Findings per severity (every severity present, zero included).
        public let findingsBySeverity: [String: Int]
    }

    /// Report schema version.
    public let schemaVersion: String
    /// The scanner that produced it.
    public let scanner: ScannerInfo
    /// Content digest of the rule catalogue used.
    public let ruleCatalogueVersion: String
    /// The scan's configuration, header values redacted.
    public let configuration: ScanConfiguration
    /// The target as validated.
    public let target: ScanTarget
    /// The target's base URL.
    public let targetURL: String
    /// When the scan started.
    public let startedAt: Date
    /// When it ended.
    public let finishedAt: Date
    /// Seconds between the two.
    public let durationSeconds: Double
    /// Whether it ran to its end.
    public let completion: Completion
    /// Requests put on the wire in all.
    public let requestsSent: Int
    /// Every check that was planned, in catalogue order, with its outcomes and evidence.
    public let checks: [CheckRun]
    /// Failed outcomes joined with their rules, most severe first.
    public let findings: [Finding]
    /// Counts.
    public let summary: Summary
    /// The operations of the API description the scan worked from (`GET /orders/{orderId}`), in
    /// the document's order; `nil` when it had none. Coverage is counted against them.
    public var documentedOperations: [String]? = nil
    /// Identities signed in again after the API ended their session in mid-scan (a 401 after
    /// their credential had worked); `nil` when none was.
    public var signInsAgain: [SessionKeepingProbe.Note]? = nil

    /// Assembles a result; findings are derived from the checks' failed outcomes.
    public init(
        scanner: ScannerInfo,
        catalogue: RuleCatalogue,
        configuration: ScanConfiguration,
        target: ScanTarget,
        startedAt: Date,
        finishedAt: Date,
        completion: Completion,
        requestsSent: Int,
        checks: [CheckRun]
    ) {
        self.schemaVersion = Self.schemaVersion
        self.scanner = scanner
        self.ruleCatalogueVersion = catalogue.version
        self.configuration = configuration
        self.target = target
        self.targetURL = target.url
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.durationSeconds = finishedAt.timeIntervalSince(startedAt)
        self.completion = completion
        self.requestsSent = requestsSent
        self.checks = checks
        let findings = checks.flatMap { run in
            run.outcomes.filter { $0.status == .failed }.compactMap { outcome in
                catalogue[outcome.ruleID].map { Finding(outcome: outcome, rule: $0, checkID: run.checkID) }
            }
        }
        self.findings = findings.sorted {
            ($0.severity, $1.ruleID, $1.location.display) > ($1.severity, $0.ruleID, $0.location.display)
        }
        let outcomes = checks.flatMap(\.outcomes)
        self.summary = Summary(
            passed: outcomes.count { $0.status == .passed },
            failed: outcomes.count { $0.status == .failed },
            notApplicable: outcomes.count { $0.status == .notApplicable },
            inconclusive: outcomes.count { $0.status == .inconclusive },
            findingsBySeverity: Dictionary(
                uniqueKeysWithValues: Severity.allCases.map { severity in
                    (severity.rawValue, findings.count { $0.severity == severity })
                }
            )
        )
    }

    /// The most severe finding's severity, or `nil` when nothing failed.
    public var highestSeverity: Severity? {
        findings.map(\.severity).max()
    }
}
