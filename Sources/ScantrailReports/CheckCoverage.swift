import ScantrailCore

/// What one check judged in a scan: its outcomes by status and the operations it covered —
/// the coverage an auditor reads ("tested on 42 operations").
struct CheckCoverage: Sendable {
    let checkID: String
    let title: String
    let status: CheckRun.Status
    let passed: Int
    let failed: Int
    let notApplicable: Int
    let inconclusive: Int
    /// Distinct `METHOD path` places judged (passed, failed or not applicable); a host-wide
    /// judgement counts the places it was seen on.
    let operations: Int
    /// How many of the description's operations the check judged, of how many, when the scan
    /// worked from a description.
    let documented: (judged: Int, of: Int)?

    init(_ run: CheckRun, documented documentedOperations: [String]? = nil) {
        checkID = run.checkID
        title = run.title
        status = run.status
        passed = run.outcomes.count { $0.status == .passed }
        failed = run.outcomes.count { $0.status == .failed }
        notApplicable = run.outcomes.count { $0.status == .notApplicable }
        inconclusive = run.outcomes.count { $0.status == .inconclusive }
        let places = run.outcomes.filter { $0.status != .inconclusive }.flatMap { $0.places ?? [$0.location] }
        operations = Set(places.map { "\($0.method ?? "") \($0.origin)\($0.path)" }).count
        let judged = Set(places.map { "\($0.method ?? "") \($0.path)" })
        documented = documentedOperations.map { all in (all.count { judged.contains($0) }, all.count) }
    }

    /// The places judged, and how many documented operations when it judged any:
    /// `12 (9 of 17 documented operations)`.
    var placesJudged: String {
        "\(operations)"
            + (documented.flatMap { $0.judged == 0 ? nil : " (\($0.judged) of \($0.of) documented operations)" } ?? "")
    }

    /// Every check of `result`, in the result's order.
    static func of(_ result: ScanResult) -> [CheckCoverage] {
        result.checks.map { CheckCoverage($0, documented: result.documentedOperations) }
    }
}

extension ScanResult {
    /// Each rule judged at each location once: when a check judged one place twice, failed beats
    /// passed beats not applicable beats inconclusive (as the evidence store keeps it).
    var judgements: [(checkID: String, outcome: Outcome)] {
        var kept: [String: (index: Int, checkID: String, outcome: Outcome)] = [:]
        var order = 0
        for run in checks {
            for outcome in run.outcomes {
                let key = "\(run.checkID) \(outcome.ruleID) \(outcome.location.display)"
                if let existing = kept[key], existing.outcome.status.precedence >= outcome.status.precedence {
                    continue
                }
                kept[key] = (kept[key]?.index ?? order, run.checkID, outcome)
                order += 1
            }
        }
        return kept.values.sorted { $0.index < $1.index }.map { ($0.checkID, $0.outcome) }
    }
}
