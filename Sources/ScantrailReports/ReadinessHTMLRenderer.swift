import Foundation
import ScantrailCore

/// The SOC 2 readiness report as one self-contained HTML document (the HTML report's style).
public struct ReadinessHTMLRenderer: Sendable {
    /// Creates the renderer.
    public init() {}

    /// The document.
    public func render(_ report: ReadinessReport) -> String {
        let text = HTMLRenderer.text
        let day = Timestamp.day
        let items = report.checklist.map {
            "<tr><td>\(text($0.text))</td><td class=\"state \($0.state.rawValue)\">\($0.state.rawValue)</td><td>\(text($0.basis))</td></tr>"
        }
        let gaps =
            report.gaps.isEmpty
            ? "<p>No stretch of more than \(report.cadenceDays) days without a scan.</p>"
            : "<ul>"
                + report.gaps.map { "<li>\(day($0.from)) to \(day($0.to)): \($0.days) days without a scan</li>" }
                .joined()
                + "</ul>"
        let schedule =
            report.monitoring.map { monitoring in
                "<p>\(text(monitoring.summary))</p>"
                    + (monitoring.missedRuns.isEmpty
                        ? ""
                        : "<ul>" + monitoring.missedRuns.map { "<li>\(Timestamp.text($0))</li>" }.joined() + "</ul>")
            } ?? ""
        let criteria = report.criteria.map { criterion -> String in
            let findings = (criterion.open.map { ("open", $0) } + criterion.fixed.map { ("fixed", $0) }).map {
                kind, line in
                "<li class=\"\(kind)\"><span class=\"badge \(line.severity.rawValue)\">\(line.severity.rawValue)</span> "
                    + "<code>\(text(line.ruleID))</code> at \(text(line.location)) — \(line.status.rawValue), SLA \(line.sla.rawValue)"
                    + (line.proof.map { "; proof: \(text($0))" } ?? "")
                    + (line.ticket.map { "; ticket: \(link($0))" } ?? "") + "</li>"
            }
            return """
                <article class="criterion"><h3>\(text(criterion.id.rawValue)) — \(text(criterion.title))</h3>
                <p>\(criterion.checks.isEmpty ? "No check speaks for it in the period." : "Checks \(criterion.checks.map { "<code>\(text($0))</code>" }.joined(separator: ", ")): \(criterion.passed) passed, \(criterion.failed) failed, \(criterion.inconclusive) not judged; evidence in scans \(criterion.evidenceScans.map { "#\($0)" }.joined(separator: ", ")).")</p>
                \(criterion.note.map { "<p class=\"note\">\(text($0))</p>" } ?? "")
                \(findings.isEmpty ? "" : "<ul>\(findings.joined())</ul>")
                </article>
                """
        }
        let scans = report.scans.map {
            "<tr><td>#\($0.sequence)</td><td>\(Timestamp.text($0.observedAt))</td><td>\(text($0.completion))</td><td>\($0.passed)</td><td>\($0.failed)</td></tr>"
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>SOC 2 readiness: \(text(report.target))</title>
            <style>\(HTMLRenderer.style)
            td.state.verified,td.state.attested{color:var(--ok);font-weight:600}td.state.gap{color:var(--high);font-weight:600}
            .note{color:#475569;font-style:italic}</style></head>
            <body><main>
            <header><h1>SOC 2 readiness</h1><p class="target">\(text(report.target))</p>
            <p class="meta">Period \(day(report.periodStart)) to \(day(report.periodEnd.addingTimeInterval(-1))) · \(report.scans.count) scans · \
            generated \(Timestamp.text(report.generatedAt)) by Scantrail \(text(report.scanner.version))</p></header>
            <section id="checklist"><h2>API security checklist</h2>
            <table><thead><tr><th>Item</th><th>State</th><th>Basis</th></tr></thead><tbody>\(items.joined())</tbody></table></section>
            <section id="cadence"><h2>Scan cadence</h2>\(gaps)\(schedule)</section>
            <section id="criteria"><h2>Trust Services criteria</h2>\(criteria.joined(separator: "\n"))</section>
            <section id="scans"><h2>Scans</h2><table><thead><tr><th>#</th><th>Observed</th><th>Completion</th><th>Passed</th>\
            <th>Failed</th></tr></thead><tbody>\(scans.joined())</tbody></table></section>
            </main></body></html>

            """
    }

    /// A link to `url` when it is http(s) (a tracker's page), else the text alone.
    private func link(_ url: String) -> String {
        let text = HTMLRenderer.text(url)
        return url.hasPrefix("https://") || url.hasPrefix("http://") ? "<a href=\"\(text)\">\(text)</a>" : text
    }
}
