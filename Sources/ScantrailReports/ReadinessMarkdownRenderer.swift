import Foundation
import ScantrailCore

/// The SOC 2 readiness report as Markdown.
public struct ReadinessMarkdownRenderer: Sendable {
    /// Creates the renderer.
    public init() {}

    /// The document.
    public func render(_ report: ReadinessReport) -> String {
        let day = Timestamp.day
        var lines = [
            "# SOC 2 readiness: \(cell(report.target))", "",
            "Period \(day(report.periodStart)) to \(day(report.periodEnd.addingTimeInterval(-1))) · generated "
                + "\(report.generatedAt.formatted(.iso8601)) by Scantrail \(report.scanner.version) · \(report.scans.count) scans",
            "",
            "## API security checklist", "", "| Item | State | Basis |", "| --- | --- | --- |",
        ]
        lines += report.checklist.map { "| \(cell($0.text)) | **\($0.state.rawValue)** | \(cell($0.basis)) |" }
        lines += ["", "## Scan cadence", ""]
        if report.gaps.isEmpty {
            lines.append("No stretch of more than \(report.cadenceDays) days without a scan.")
        } else {
            lines.append("Stretches of more than \(report.cadenceDays) days without a scan:")
            lines += [""] + report.gaps.map { "- \(day($0.from)) to \(day($0.to)): \($0.days) days" }
        }
        if let monitoring = report.monitoring {
            lines += ["", monitoring.summary]
            if !monitoring.missedRuns.isEmpty {
                lines += [""] + monitoring.missedRuns.map { "- \(Timestamp.text($0))" }
            }
        }
        lines += ["", "## Trust Services criteria"]
        for criterion in report.criteria {
            lines += [
                "", "### \(criterion.id.rawValue) — \(criterion.title)", "",
                criterion.checks.isEmpty
                    ? "No check speaks for it in the period."
                    : "Checks: \(criterion.checks.map { "`\($0)`" }.joined(separator: ", ")) · outcomes: \(criterion.passed) passed, "
                        + "\(criterion.failed) failed, \(criterion.inconclusive) not judged · evidence in scans "
                        + criterion.evidenceScans.map { "#\($0)" }.joined(separator: ", "),
            ]
            if let note = criterion.note { lines += ["", "_\(note)_"] }
            if !criterion.open.isEmpty {
                lines += ["", "Open findings:", ""]
                lines += criterion.open.map { line in
                    "- \(line.severity.rawValue) `\(line.ruleID)` at \(MarkdownText.code(line.location)) — \(line.status.rawValue), SLA \(line.sla.rawValue)"
                        + (line.dueAt.map { ", due \(day($0))" } ?? "") + (line.ticket.map { "; ticket: \($0)" } ?? "")
                }
            }
            if !criterion.fixed.isEmpty {
                lines += ["", "Fixed in the period:", ""]
                lines += criterion.fixed.map { line in
                    "- \(line.severity.rawValue) `\(line.ruleID)` at \(MarkdownText.code(line.location)) — fixed \(line.fixedAt.map(day) ?? ""), "
                        + "SLA \(line.sla.rawValue)" + (line.proof.map { "; proof: \($0)" } ?? "")
                        + (line.ticket.map { "; ticket: \($0)" } ?? "")
                }
            }
        }
        lines += [
            "", "## Scans", "", "| # | Observed | Completion | Passed | Failed |", "| ---: | --- | --- | ---: | ---: |",
        ]
        lines += report.scans.map {
            "| \($0.sequence) | \($0.observedAt.formatted(.iso8601)) | \($0.completion) | \($0.passed) | \($0.failed) |"
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func cell(_ text: String) -> String { MarkdownRenderer.cell(text) }
}
