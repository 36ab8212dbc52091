import Foundation
import ScantrailCore

/// Writes a ``ScanResult`` for a person at a terminal: findings grouped by severity with rule,
/// location, what was seen and a one-line fix; then what could not be judged; then the counts.
public struct TextReportRenderer: Sendable {
    /// Creates the renderer.
    public init() {}

    /// The report as text, ending with a newline; what the target sent is shown with its
    /// control characters escaped.
    public func render(_ result: ScanResult) -> String {
        var lines = [header(result), ""]
        if !result.completion.isComplete {
            lines.append(
                "INCOMPLETE: the scan stopped early (\(result.completion.reason?.rawValue ?? "unknown")); unfinished checks are inconclusive."
            )
            lines.append("")
        }
        if result.findings.isEmpty {
            lines.append("No findings.")
        }
        for severity in Severity.allCases.reversed() {
            let findings = result.findings.filter { $0.severity == severity }
            guard !findings.isEmpty else { continue }
            lines.append("\(severity.rawValue.uppercased()) (\(findings.count))")
            for finding in findings {
                lines.append("  ✗ \(finding.ruleID)  \(finding.title)")
                lines.append("    at   \(finding.location.display)")
                lines.append("    seen \(finding.detail)")
                lines.append("    fix  \(Self.firstSentence(of: finding.remediation))")
            }
        }
        let inconclusive = result.checks.flatMap { $0.outcomes.filter { $0.status == .inconclusive } }
        if !inconclusive.isEmpty {
            lines.append("")
            lines.append("INCONCLUSIVE (\(inconclusive.count)): not judged, never counted as passed")
            for outcome in inconclusive {
                lines.append("  ? \(outcome.ruleID)  at \(outcome.location.display): \(outcome.detail)")
            }
        }
        for note in result.signInsAgain ?? [] {
            lines.append("")
            lines.append(
                "Signed in again: \(note.identity), after \(note.refused) answered 401 to a credential that had worked; "
                    + "sent again, it answered \(note.retried)")
        }
        lines.append("")
        lines.append(footer(result))
        return DisplayText.escaped(lines.joined(separator: "\n") + "\n", keepingLayout: true)
    }

    private func header(_ result: ScanResult) -> String {
        let started = result.startedAt.formatted(.iso8601)
        let duration = String(format: "%.2f", result.durationSeconds)
        return
            "Scantrail \(result.scanner.version) · \(result.targetURL) · \(started) · \(duration) s · \(result.requestsSent) requests"
    }

    private func footer(_ result: ScanResult) -> String {
        let summary = result.summary
        let bySeverity = Severity.allCases.reversed()
            .map { "\(summary.findingsBySeverity[$0.rawValue] ?? 0) \($0.rawValue)" }
            .joined(separator: ", ")
        return "Checks: \(result.checks.count) run · outcomes: \(summary.passed) passed, \(summary.failed) failed, "
            + "\(summary.notApplicable) not applicable, \(summary.inconclusive) inconclusive · findings: \(bySeverity)"
    }

    /// The remediation's first sentence, for the one-line fix.
    static func firstSentence(of text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        guard let end = flat.range(of: ". ") else { return flat }
        return String(flat[..<end.lowerBound]) + "."
    }
}
