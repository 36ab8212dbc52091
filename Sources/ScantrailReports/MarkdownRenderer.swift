import Foundation
import ScantrailCore

/// Writes a scan as Markdown for a pull-request comment: the counts, what is new, the top
/// findings, coverage per check, and what could not be judged — short enough to read in a PR.
public struct MarkdownRenderer: Sendable {
    /// Findings listed in full; the rest are counted.
    public static let topFindings = 10

    /// Creates the renderer.
    public init() {}

    /// The Markdown document.
    public func render(_ input: ReportInput) -> String {
        let result = input.result
        var lines = [
            "## Scantrail: \(result.findings.count) findings on \(MarkdownText.text(result.targetURL))", "",
            "Scanned \(result.startedAt.formatted(.iso8601)) in \(String(format: "%.1f", result.durationSeconds)) s, "
                + "\(result.requestsSent) requests, scanner \(result.scanner.version)"
                + (result.completion.isComplete
                    ? "."
                    : " — **incomplete** (\(result.completion.reason?.rawValue ?? "stopped")): unfinished checks are inconclusive."),
            "",
            "| Severity | Findings | New |", "| --- | ---: | ---: |",
        ]
        for severity in Severity.allCases.reversed() {
            let findings = result.findings.filter { $0.severity == severity }
            let new = input.new.map { new in "\(findings.count { new.contains($0.fingerprint) })" } ?? "–"
            lines.append("| \(severity.rawValue) | \(findings.count) | \(new) |")
        }
        if let new = input.new {
            let fresh = result.findings.filter { new.contains($0.fingerprint) }
            lines += ["", "### New in this scan (\(fresh.count))"]
            lines +=
                fresh.isEmpty
                ? ["", "Nothing new."]
                : [""]
                    + fresh.prefix(Self.topFindings).map { finding in
                        "- **\(finding.severity.rawValue)** `\(finding.ruleID)` at \(MarkdownText.code(finding.location.display))"
                    }
        }
        lines += ["", "### Top findings"]
        if result.findings.isEmpty {
            lines += ["", "No findings."]
        } else {
            lines += ["", "| Severity | Rule | Location | Seen | Fix |", "| --- | --- | --- | --- | --- |"]
            lines += result.findings.prefix(Self.topFindings).map { finding in
                "| \(finding.severity.rawValue) | `\(finding.ruleID)` \(Self.cell(finding.title)) | \(Self.code(finding.location.display)) "
                    + "| \(Self.cell(finding.detail)) | \(Self.cell(TextReportRenderer.firstSentence(of: finding.remediation))) |"
            }
            if result.findings.count > Self.topFindings {
                lines += ["", "…and \(result.findings.count - Self.topFindings) more in the full report."]
            }
        }
        lines += [
            "", "### Coverage", "", "| Check | Places judged | Passed | Failed | Not applicable | Inconclusive |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        lines += CheckCoverage.of(result).map { check in
            "| \(Self.cell(check.title)) (`\(check.checkID)`) | \(check.placesJudged) | \(check.passed) | \(check.failed) "
                + "| \(check.notApplicable) | \(check.inconclusive) |"
        }
        let operations = OperationCoverage.of(result)
        if !operations.isEmpty {
            lines += [
                "",
                "<details><summary>Coverage by operation: \(operations.count) operation\(operations.count == 1 ? "" : "s")</summary>",
                "",
                "| Operation | Checks | Judged |", "| --- | ---: | --- |",
            ]
            lines += operations.map { operation in
                "| \(Self.code(operation.operation)) | \(operation.judgements.count) | "
                    + Self.cell(operation.summary) + " |"
            }
            lines += ["", "</details>"]
        }
        let inconclusive = result.judgements.filter { $0.outcome.status == .inconclusive }
        if !inconclusive.isEmpty {
            lines += [
                "", "<details><summary>\(inconclusive.count) not judged (never counted as passed)</summary>", "",
            ]
            lines += inconclusive.map {
                "- `\($0.outcome.ruleID)` at \(MarkdownText.code($0.outcome.location.display)): \(MarkdownText.text($0.outcome.detail))"
            }
            lines += ["", "</details>"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` fit for a table cell: one line, pipes, Markdown and HTML escaped.
    static func cell(_ text: String) -> String { MarkdownText.text(text) }

    /// `text` as a code span in a table cell.
    static func code(_ text: String) -> String { MarkdownText.code(text, inTable: true) }
}
