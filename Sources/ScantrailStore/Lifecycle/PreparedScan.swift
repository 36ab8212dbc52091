import Foundation
import ScantrailCore

/// A scan result taken apart into what the store keeps: one observation per fingerprint, and
/// each check's evidence with its hash. Computed before the write transaction starts.
struct PreparedScan {
    /// One rule at one place, as this scan judged it.
    struct Observation {
        let fingerprint: Fingerprint
        let outcome: Outcome
        let checkID: String
    }

    /// Each check's evidence as canonical JSON and its SHA-256.
    struct Evidence {
        let run: CheckRun
        let json: String?
        let sha256: String
    }

    let result: ScanResult
    /// Observations by fingerprint; when a scan judged one place twice, failed beats passed
    /// beats not applicable beats inconclusive.
    let observations: [Fingerprint: Observation]
    /// Evidence by check id.
    let evidence: [String: Evidence]
    /// Findings of the scan by fingerprint (severity and title for new findings).
    let findings: [Fingerprint: Finding]

    init(_ result: ScanResult) throws {
        self.result = result
        var observations: [Fingerprint: Observation] = [:]
        var evidence: [String: Evidence] = [:]
        for run in result.checks {
            let json = try run.evidence.map { try CanonicalJSON.string($0) }
            evidence[run.checkID] = Evidence(run: run, json: json, sha256: CanonicalJSON.sha256(json ?? "null"))
            for outcome in run.outcomes {
                let fingerprint = Fingerprint(ruleID: outcome.ruleID, location: outcome.location)
                if let kept = observations[fingerprint], kept.outcome.status.precedence >= outcome.status.precedence {
                    continue
                }
                observations[fingerprint] = Observation(
                    fingerprint: fingerprint, outcome: outcome, checkID: run.checkID)
            }
        }
        self.observations = observations
        self.evidence = evidence
        self.findings = Dictionary(
            result.findings.map { ($0.fingerprint, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Fingerprints judged (anything but inconclusive): the ones whose tracked findings may change.
    var judgedFingerprints: [Fingerprint] {
        observations.values.filter { $0.outcome.status != .inconclusive }.map(\.fingerprint)
    }

    /// Not-applicable observations without a discriminator: each speaks for every finding of
    /// its rule at its place that this scan did not otherwise judge.
    var notApplicableScopes: [Observation] {
        observations.values.filter { $0.outcome.status == .notApplicable && $0.outcome.location.discriminator == nil }
            .sorted { $0.fingerprint.rawValue < $1.fingerprint.rawValue }
    }

    /// Whether `finding` lies in the scope of `observation` (same rule, origin, method and path)
    /// and was not judged by this scan in its own right.
    func covers(_ observation: Observation, _ finding: TrackedFinding) -> Bool {
        Fingerprint(scopeOf: finding.ruleID, at: finding.location) == observation.fingerprint
            && observations[finding.fingerprint] == nil
    }

    /// Queries for the unfixed findings that ``notApplicableScopes`` may close.
    var scopeQueries: [SQLStatement] {
        notApplicableScopes.map { observation in
            let location = observation.outcome.location
            return SQLStatement(
                "SELECT * FROM findings WHERE rule_id = ? AND origin = ? AND path = ? AND status <> 'fixed'",
                [.text(observation.outcome.ruleID), .text(location.origin), .text(location.path)])
        }
    }

    /// Statements storing the scan's evidence and outcomes under `scanID`.
    func evidenceStatements(scanID: String) -> [SQLStatement] {
        let evidenceRows: [[SQLValue]] = evidence.values.sorted { $0.run.checkID < $1.run.checkID }.map { item in
            [
                .text(scanID), .text(item.run.checkID), .text(item.run.status.rawValue), .text(item.run.reason),
                .int(item.run.durationMilliseconds), .int(item.run.requestsSent), .text(item.sha256), .text(item.json),
            ]
        }
        let outcomeRows: [[SQLValue]] = observations.values.map { observation in
            let location = observation.outcome.location
            return [
                .text(scanID), .text(observation.fingerprint.rawValue), .text(observation.outcome.ruleID),
                .text(observation.checkID), .text(observation.outcome.status.rawValue), .text(location.origin),
                .text(location.method), .text(location.path), .text(location.discriminator),
                .text(observation.outcome.detail),
            ]
        }
        return SQLStatement.insert(
            into: "check_evidence",
            columns: ["scan_id", "check_id", "status", "reason", "duration_ms", "requests_sent", "sha256", "evidence"],
            rows: evidenceRows
        )
            + SQLStatement.insert(
                into: "outcomes",
                columns: [
                    "scan_id", "fingerprint", "rule_id", "check_id", "status", "origin", "method", "path",
                    "discriminator", "detail",
                ],
                rows: outcomeRows
            )
    }
}
