import Foundation
import ScantrailCore
import ScantrailStore
import ScantrailTLS

/// Writes a scan as one self-contained HTML document for people: no external asset and no
/// script; a summary, an inline SVG severity chart and trend over the target's scans, findings
/// by severity with evidence, fix and control mapping, TLS and certificate, coverage per check,
/// what passed and what could not be judged; a print stylesheet makes "print to PDF" clean.
public struct HTMLRenderer: Sendable {
    /// Creates the renderer.
    public init() {}

    /// The HTML document.
    public func render(_ input: ReportInput) -> String {
        let result = input.result
        let title = "Scantrail report: \(result.targetURL)"
        let body = [
            header(input), summary(input), trend(input), findings(input), tls(input), coverage(input),
            passed(input), inconclusive(input), footer(input),
        ].joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.text(title))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <main>
            \(body)
            </main>
            </body>
            </html>

            """
    }

    // MARK: Sections

    private func header(_ input: ReportInput) -> String {
        let result = input.result
        let completion =
            result.completion.isComplete
            ? ""
            : #"<p class="warning">Incomplete: the scan stopped early (\#(Self.text(result.completion.reason?.rawValue ?? "stopped"))); unfinished checks are inconclusive, never passed.</p>"#
        return """
            <header>
            <h1>API security report</h1>
            <p class="target">\(Self.text(result.targetURL))</p>
            <p class="meta">Scanned \(Timestamp.text(result.startedAt)) · \(String(format: "%.1f", result.durationSeconds)) s · \
            \(result.requestsSent) requests · Scantrail \(Self.text(result.scanner.version)) · rules \(Self.text(result.ruleCatalogueVersion))</p>
            \(completion)
            </header>
            """
    }

    private func summary(_ input: ReportInput) -> String {
        let result = input.result
        let counts = Severity.allCases.reversed().map { severity in
            (severity, result.findings.count { $0.severity == severity })
        }
        let verdict =
            result.findings.isEmpty
            ? "No findings"
            : "\(result.findings.count) findings, highest \(result.highestSeverity?.rawValue ?? "")"
        let cells = counts.map { severity, count in
            #"<div class="count \#(severity.rawValue)"><span>\#(count)</span>\#(severity.rawValue)</div>"#
        }
        let summary = result.summary
        return """
            <section id="summary">
            <h2>Summary</h2>
            <p class="verdict \(result.highestSeverity?.rawValue ?? "clean")">\(Self.text(verdict))</p>
            <div class="counts">\(cells.joined())</div>
            \(Self.severityChart(counts))
            <p>Outcomes: \(summary.passed) passed, \(summary.failed) failed, \(summary.notApplicable) not applicable, \
            \(summary.inconclusive) inconclusive (not judged, never counted as passed).</p>
            </section>
            """
    }

    private func trend(_ input: ReportInput) -> String {
        let scans = Array(input.history.suffix(30))
        guard scans.count >= 2 else {
            return
                #"<section id="trend"><h2>Over time</h2><p>A trend appears after two recorded scans of this target.</p></section>"#
        }
        let points = scans.map { SLAPoint(scan: $0, findings: input.targetFindings) }
        return """
            <section id="trend">
            <h2>Over time</h2>
            \(Self.trendChart(points))
            <p>Open findings at each of the last \(scans.count) recorded scans: within their remediation deadline, and \
            overdue. Now \(points.last?.overdue ?? 0) are overdue.</p>
            </section>
            """
    }

    private func findings(_ input: ReportInput) -> String {
        let result = input.result
        guard !result.findings.isEmpty else {
            return #"<section id="findings"><h2>Findings</h2><p>No findings.</p></section>"#
        }
        var parts = [#"<section id="findings">"#, "<h2>Findings</h2>"]
        for severity in Severity.allCases.reversed() {
            let findings = result.findings.filter { $0.severity == severity }
            guard !findings.isEmpty else { continue }
            parts.append(
                #"<h3 class="\#(severity.rawValue)">\#(severity.rawValue.capitalized) (\#(findings.count))</h3>"#)
            parts += findings.map { finding(_: $0, input) }
        }
        parts.append("</section>")
        return parts.joined(separator: "\n")
    }

    private func finding(_ finding: Finding, _ input: ReportInput) -> String {
        let rule = input.catalogue[finding.ruleID]
        let tracked = input.trail[finding.fingerprint]
        var facts = [
            ("Where", Self.text(finding.location.display)), ("Seen", Self.text(finding.detail)),
            ("Fix", Self.text(finding.remediation)),
        ]
        if let mapping = rule?.mapping {
            let controls =
                mapping.trustServicesCriteria.map { "SOC 2 \($0.rawValue)" }
                + mapping.owaspAPI.map { "OWASP \($0.rawValue)" }
                + mapping.cwe.map(\.description)
            facts.append(("Controls", Self.text(controls.joined(separator: " · "))))
        }
        if let due = input.dueAt(finding) {
            let status =
                tracked.map { "\($0.status.rawValue), SLA \($0.slaStatus(at: input.now).rawValue)" } ?? "not recorded"
            facts.append(("Deadline", Self.text("\(Timestamp.text(due)) (\(status))")))
        }
        if let references = rule?.references, !references.isEmpty {
            facts.append(
                (
                    "References",
                    references.map { #"<a href="\#(Self.text($0))">\#(Self.text($0))</a>"# }.joined(separator: "<br>")
                ))
        }
        facts.append(("Fingerprint", "<code>\(finding.fingerprint.rawValue)</code>"))
        let rows = facts.map { "<tr><th>\($0.0)</th><td>\($0.1)</td></tr>" }.joined()
        return """
            <article class="finding \(finding.severity.rawValue)">
            <h4><span class="badge \(finding.severity.rawValue)">\(finding.severity.rawValue)</span> \(Self.text(finding.title)) \
            <code>\(Self.text(finding.ruleID))</code></h4>
            \(rule.map { "<p>\(Self.text($0.description))</p>" } ?? "")
            <table class="facts">\(rows)</table>
            </article>
            """
    }

    private func tls(_ input: ReportInput) -> String {
        guard let run = input.result.checks.first(where: { $0.checkID == "tls.configuration" }) else { return "" }
        let grade = run.outcomes.first { $0.ruleID == "tls.grade" }
        guard let facts = try? run.evidence?["result"]?.decode(TLSScanResult.self) else {
            let note = run.evidence?["note"]?.text ?? grade?.detail ?? "no TLS to probe"
            return #"<section id="tls"><h2>TLS and certificate</h2><p>\#(Self.text(note))</p></section>"#
        }
        let protocols = facts.protocols.map { support in
            "<tr><td>\(Self.text(support.name))</td><td class=\"\(support.status.rawValue)\">\(support.status.rawValue)</td>"
                + "<td>\(Self.text(support.reason))</td></tr>"
        }
        var parts = [
            #"<section id="tls">"#, "<h2>TLS and certificate</h2>",
            "<p>\(Self.text(facts.nonTLSReply ?? grade?.detail ?? ""))</p>",
            #"<table><thead><tr><th>Protocol</th><th>Status</th><th>Detail</th></tr></thead><tbody>"#
                + protocols.joined() + "</tbody></table>",
        ]
        let warning = run.evidence?["expiryWarningDays"]?.text.flatMap(Int.init) ?? 30
        if let report = TLSAssessment(facts, at: facts.observedAt, warningDays: warning, hsts: .notChecked).certificates
        {
            let chain = report.chain.enumerated().map { index, certificate in
                "<tr><td>\(index + 1)</td><td>\(Self.text(certificate.subject))</td><td>\(Self.text(certificate.issuer))</td>"
                    + "<td>\(Timestamp.day(certificate.notBefore)) – \(Timestamp.day(certificate.notAfter))</td>"
                    + "<td>\(Self.text(certificate.publicKey)), \(Self.text(certificate.signatureAlgorithm))</td></tr>"
            }
            parts.append(
                #"<table><thead><tr><th>#</th><th>Subject</th><th>Issuer</th><th>Valid</th><th>Key, signature</th></tr></thead><tbody>"#
                    + chain.joined() + "</tbody></table>")
            if let days = report.daysLeft {
                parts.append(
                    "<p>The leaf expires in \(days) days (judged at \(Timestamp.text(report.evaluatedAt))).</p>")
            }
        }
        parts.append("</section>")
        return parts.joined(separator: "\n")
    }

    /// Per operation, which checks judged it, as whom and with what outcome; empty without operations.
    private func operationCoverage(_ input: ReportInput) -> String {
        let operations = OperationCoverage.of(input.result)
        guard !operations.isEmpty else { return "" }
        let rows = operations.map { operation in
            "<tr><td><code>\(Self.text(operation.operation))</code></td><td>\(operation.judgements.count)</td><td>"
                + (operation.judgements.isEmpty
                    ? Self.text(OperationCoverage.notJudged)
                    : operation.judgements.map { Self.text($0.summary) }.joined(separator: "<br>")) + "</td></tr>"
        }
        return """
            <details id="operation-coverage"><summary>Coverage by operation: \(operations.count) operation\(operations.count == 1 ? "" : "s")</summary>
            <table><thead><tr><th>Operation</th><th>Checks</th><th>Judged</th></tr></thead>\
            <tbody>\(rows.joined())</tbody></table>
            </details>
            """
    }

    private func coverage(_ input: ReportInput) -> String {
        let rows = CheckCoverage.of(input.result).map { check in
            "<tr><td>\(Self.text(check.title)) <code>\(Self.text(check.checkID))</code></td><td>\(check.status.rawValue)</td>"
                + "<td>\(check.placesJudged)</td><td>\(check.passed)</td><td>\(check.failed)</td><td>\(check.notApplicable)</td>"
                + "<td>\(check.inconclusive)</td></tr>"
        }
        return """
            <section id="coverage">
            <h2>Coverage</h2>
            <table><thead><tr><th>Check</th><th>Ended</th><th>Places judged</th><th>Passed</th><th>Failed</th>\
            <th>Not applicable</th><th>Inconclusive</th></tr></thead><tbody>\(rows.joined())</tbody></table>
            \(operationCoverage(input))
            </section>
            """
    }

    private func passed(_ input: ReportInput) -> String {
        let passes = outcomeItems(.passed, input)
        guard !passes.isEmpty else { return "" }
        return """
            <section id="passed">
            <h2>What passed</h2>
            <details><summary>\(passes.count) rules passed at the places they were tested</summary><ul>\(passes.joined())</ul></details>
            </section>
            """
    }

    private func inconclusive(_ input: ReportInput) -> String {
        let open = outcomeItems(.inconclusive, input)
        guard !open.isEmpty else { return "" }
        return """
            <section id="inconclusive">
            <h2>Not judged</h2>
            <p>These could not be tested; they are never counted as passed.</p>
            <ul>\(open.joined())</ul>
            </section>
            """
    }

    /// One list item per judgement with `status`: rule, place, what was seen.
    private func outcomeItems(_ status: Outcome.Status, _ input: ReportInput) -> [String] {
        input.result.judgements.filter { $0.outcome.status == status }.map {
            "<li><code>\(Self.text($0.outcome.ruleID))</code> at \(Self.text($0.outcome.location.display)): \(Self.text($0.outcome.detail))</li>"
        }
    }

    private func footer(_ input: ReportInput) -> String {
        #"<footer><p>Generated by Scantrail \#(Self.text(input.result.scanner.version)) at \#(Timestamp.text(input.now)). Fingerprints are stable across scans; the evidence store keeps each finding's life and proof of fix.</p></footer>"#
    }

    // MARK: Charts

    /// One bar per severity, labelled with its count.
    public static func severityChart(_ counts: [(Severity, Int)]) -> String {
        let highest = max(1, counts.map(\.1).max() ?? 1)
        let bars = counts.enumerated().map { index, entry in
            let (severity, count) = entry
            let width = Int((Double(count) / Double(highest) * 300).rounded())
            let y = index * 28 + 8
            return #"<text x="0" y="\#(y + 15)">\#(severity.rawValue)</text>"#
                + #"<rect class="\#(severity.rawValue)" x="80" y="\#(y)" width="\#(max(width, count > 0 ? 2 : 0))" height="20"/>"#
                + #"<text x="\#(86 + width)" y="\#(y + 15)">\#(count)</text>"#
        }
        let label = counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        return
            #"<svg class="chart" role="img" aria-label="Findings by severity: \#(label)" viewBox="0 0 420 150" width="420" height="150"><title>Findings by severity</title>\#(bars.joined())</svg>"#
    }

    /// The target's open findings at one scan, against their deadlines.
    struct SLAPoint: Sendable, Hashable {
        let sequence: Int
        let withinDeadline: Int
        let overdue: Int

        /// The findings open when `scan` ran (first seen by then, not fixed yet, not marked a false
        /// positive), split by whether their deadline had passed.
        init(scan: ScanRecord, findings: [TrackedFinding]) {
            let at = scan.observedAt
            let open = findings.filter { finding in
                finding.firstSeenAt <= at && (finding.fixedAt.map { $0 > at } ?? true)
                    && finding.status != .falsePositive
            }
            sequence = scan.sequence
            overdue = open.count { $0.dueAt.map { $0 < at } ?? false }
            withinDeadline = open.count - overdue
        }

        init(sequence: Int, withinDeadline: Int, overdue: Int) {
            self.sequence = sequence
            self.withinDeadline = withinDeadline
            self.overdue = overdue
        }
    }

    /// Stacked bars per scan, oldest on the left: open findings within their deadline, and overdue.
    static func trendChart(_ points: [SLAPoint]) -> String {
        stackedBars(
            points.map {
                Bar(
                    label: "#\($0.sequence)",
                    title:
                        "scan #\($0.sequence): \($0.withinDeadline) open within their deadline, \($0.overdue) overdue",
                    lower: $0.withinDeadline, upper: $0.overdue)
            }, title: "Open findings and SLA status per scan",
            label: "Open findings and SLA status over \(points.count) scans")
    }

    /// Stacked bars per scan, oldest on the left: what each scan found failing that an earlier one
    /// had seen, and what it found new — a target's trend on the dashboard.
    public static func scanTrendChart(_ scans: [ScanRecord]) -> String {
        stackedBars(
            scans.map {
                Bar(
                    label: "#\($0.sequence)",
                    title: "scan #\($0.sequence): \($0.counts.failed) failing, \($0.counts.new) of them new",
                    lower: max(0, $0.counts.failed - $0.counts.new), upper: $0.counts.new)
            }, title: "Failing findings per scan", label: "Failing findings over \(scans.count) scans")
    }

    /// One stacked bar: a grey lower part and a red upper one.
    private struct Bar {
        let label: String
        let title: String
        let lower: Int
        let upper: Int
    }

    private static func stackedBars(_ bars: [Bar], title: String, label: String) -> String {
        let width = 560.0
        let height = 160.0
        let highest = Double(max(1, bars.map { $0.lower + $0.upper }.max() ?? 1))
        let step = (width - 60) / Double(max(1, bars.count - 1))
        let base = height - 30
        func x(_ index: Int) -> Int { Int(40 + Double(index) * step) - 6 }
        func length(_ value: Int) -> Int { Int(Double(value) / highest * (height - 50)) }
        let drawn = bars.enumerated().map { index, bar in
            let lower = length(bar.lower)
            let upper = length(bar.upper)
            return #"<g><title>\#(text(bar.title))</title>"#
                + #"<rect class="within" x="\#(x(index))" y="\#(Int(base) - lower)" width="12" height="\#(lower)"/>"#
                + #"<rect class="overdue" x="\#(x(index))" y="\#(Int(base) - lower - upper)" width="12" height="\#(upper)"/>"#
                + #"<text x="\#(x(index) - 4)" y="\#(Int(height) - 10)">\#(text(bar.label))</text></g>"#
        }
        return
            #"<svg class="chart trend" role="img" aria-label="\#(text(label))" viewBox="0 0 \#(Int(width)) \#(Int(height))" width="\#(Int(width))" height="\#(Int(height))"><title>\#(text(title))</title>"#
            + drawn.joined() + "</svg>"
    }

    // MARK: Text

    /// `value` escaped for HTML text and attributes.
    public static func text(_ value: String) -> String { XMLText.escape(value) }

    /// The stylesheet of every Scantrail page (inline: the documents fetch nothing).
    public static let style = """
        :root{--critical:#7f1d1d;--high:#b91c1c;--medium:#c2410c;--low:#a16207;--info:#475569;--ok:#15803d}
        body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111;margin:0;background:#f8fafc}
        main{max-width:960px;margin:0 auto;padding:24px;background:#fff}
        h1{margin:0}h2{border-bottom:1px solid #e2e8f0;padding-bottom:4px;margin-top:32px}
        .target{font-size:18px;font-weight:600;margin:4px 0}.meta{color:#475569}
        .warning{background:#fef3c7;padding:8px;border-left:4px solid #d97706}
        .verdict{font-size:20px;font-weight:700}.verdict.clean{color:var(--ok)}
        .counts{display:flex;gap:8px;flex-wrap:wrap}.count{border:1px solid #e2e8f0;padding:6px 12px;border-radius:6px}
        .count span{display:block;font-size:22px;font-weight:700}
        h3.critical,.count.critical,.verdict.critical{color:var(--critical)}h3.high,.count.high,.verdict.high{color:var(--high)}
        h3.medium,.count.medium,.verdict.medium{color:var(--medium)}h3.low,.count.low,.verdict.low{color:var(--low)}
        h3.info,.count.info,.verdict.info{color:var(--info)}
        rect.critical{fill:var(--critical)}rect.high{fill:var(--high)}rect.medium{fill:var(--medium)}rect.low{fill:var(--low)}rect.info{fill:var(--info)}
        rect.within{fill:#94a3b8}rect.overdue{fill:var(--high)}
        svg text{font-size:12px;fill:#334155}
        .finding{border:1px solid #e2e8f0;border-left:4px solid var(--info);border-radius:6px;padding:8px 12px;margin:12px 0}
        .finding.critical{border-left-color:var(--critical)}.finding.high{border-left-color:var(--high)}
        .finding.medium{border-left-color:var(--medium)}.finding.low{border-left-color:var(--low)}
        .finding h4{margin:4px 0}.badge{color:#fff;border-radius:4px;padding:1px 6px;font-size:12px;text-transform:uppercase}
        .badge.critical{background:var(--critical)}.badge.high{background:var(--high)}.badge.medium{background:var(--medium)}
        .badge.low{background:var(--low)}.badge.info{background:var(--info)}
        table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e2e8f0;vertical-align:top}
        .facts th{width:110px;color:#475569;font-weight:500}code{font-size:13px;background:#f1f5f9;padding:0 3px;border-radius:3px;word-break:break-all}
        td.accepted{color:var(--high)}td.rejected{color:var(--ok)}
        footer{margin-top:32px;color:#64748b;font-size:13px}
        @media print{body{background:#fff}main{max-width:none;padding:0}details{display:block}details>*{display:block}
        .finding{break-inside:avoid}h2{break-after:avoid}a{color:inherit;text-decoration:none}}
        """
}
