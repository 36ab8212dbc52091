import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailReports
import ScantrailStore

/// The dashboard's pages, server-rendered without JavaScript: sign-in, the overview, a finding's
/// life with its proof of fix and the accept form, and the API keys.
enum DashboardPages {
    private static func text(_ value: String) -> String { HTMLRenderer.text(value) }

    private static func day(_ date: Date) -> String { date.formatted(.iso8601.year().month().day()) }

    private static func time(_ date: Date) -> String { date.formatted(.iso8601) }

    /// The header of every signed-in page: who is signed in, the sections, sign out.
    private static func header(_ title: String, caller: Caller, csrf: String) -> String {
        let key = caller.key
        let admin = caller.allows(.admin) ? #" · <a href="/dashboard/keys">API keys</a>"# : ""
        return """
            <header><h1>\(text(title))</h1>
            <p class="meta">Signed in with key <code>\(text(key?.id ?? ""))</code> (\(text(key?.name ?? "")); \
            \(text(key?.scopes.map(\.rawValue).joined(separator: ", ") ?? ""))) · <a href="/dashboard">Overview</a>\(admin)</p>
            <form method="post" action="/dashboard/logout"><input type="hidden" name="csrf" value="\(text(csrf))">\
            <button type="submit">Sign out</button></form></header>
            """
    }

    /// Sign in with an API key.
    static func login(csrf: String, error: String? = nil) -> String {
        Pages.page(
            title: "Scantrail: sign in",
            body: """
                <header><h1>Sign in to the dashboard</h1>
                <p class="meta">With an API key (<code>scantrail api-keys create --scope read</code>); the session \
                lasts eight hours, and ends when the key is revoked.</p></header>
                \(error.map { #"<p class="warning">\#(text($0))</p>"# } ?? "")
                <form method="post" action="/dashboard/login">
                <p><label for="key">API key</label><br>
                <input id="key" name="key" type="password" required size="60" autocomplete="off"></p>
                <input type="hidden" name="csrf" value="\(text(csrf))">
                <p><button type="submit">Sign in</button></p>
                </form>
                """)
    }

    /// The overview: counts, deadlines, certificates, targets.
    static func overview(_ dashboard: Dashboard, caller: Caller, csrf: String) -> String {
        let open = Severity.allCases.reversed().map { ($0, dashboard.counts[.open, $0]) }
        let states = FindingStatus.allCases.map {
            #"<div class="count"><span>\#(dashboard.counts.total($0))</span>\#(text($0.rawValue))</div>"#
        }
        return Pages.page(
            title: "Scantrail dashboard",
            body: header("Dashboard", caller: caller, csrf: csrf) + """
                <section id="counts"><h2>Findings</h2><div class="counts">\(states.joined())</div>
                \(HTMLRenderer.severityChart(open))</section>
                \(deadlines(dashboard))
                \(certificates(dashboard))
                \(targets(dashboard))
                """)
    }

    /// How a finding stands against its deadline at `now`, in words.
    static func clock(_ finding: TrackedFinding, at now: Date) -> (class: String, text: String) {
        guard let due = finding.dueAt else { return ("", "no deadline") }
        let days = Int((due.timeIntervalSince(now) / 86_400).rounded(.down))
        switch finding.slaStatus(at: now) {
        case .openOverdue: return ("accepted", "overdue by \(-days) day\(-days == 1 ? "" : "s")")
        case .openWithin: return ("", "due in \(days) day\(days == 1 ? "" : "s") (\(day(due)))")
        case .met: return ("rejected", "fixed within its deadline")
        case .missed: return ("accepted", "fixed after its deadline")
        case .notApplicable: return ("", "no deadline while \(finding.status.rawValue)")
        }
    }

    private static func deadlines(_ dashboard: Dashboard) -> String {
        let rows = dashboard.deadlines.findings.map { finding in
            let (style, clock) = clock(finding, at: dashboard.now)
            return """
                <tr><td><span class="badge \(finding.severity.rawValue)">\(finding.severity.rawValue)</span></td>\
                <td><a href="/dashboard/findings/\(finding.id)">\(text(finding.title))</a><br>\
                <code>\(text(finding.location.display))</code></td><td class="\(style)">\(text(clock))</td></tr>
                """
        }
        let next = dashboard.deadlines.next.map {
            #"<p><a href="/dashboard?after=\#(text($0.token))">Next deadlines</a></p>"#
        }
        return """
            <section id="deadlines"><h2>Remediation deadlines</h2>
            <p class="meta">Open findings, nearest deadline first: overdue ones lead.</p>
            \(rows.isEmpty ? "<p>No open finding.</p>" : "<table><thead><tr><th>Severity</th><th>Finding</th><th>SLA</th></tr></thead><tbody>" + rows.joined() + "</tbody></table>")
            \(next ?? "")</section>
            """
    }

    private static func certificates(_ dashboard: Dashboard) -> String {
        let rows = dashboard.certificates.map { certificate in
            let style = certificate.daysLeft < 30 ? "accepted" : ""
            return "<tr><td>\(text(certificate.target))</td><td>\(text(certificate.subject))</td>"
                + "<td>\(day(certificate.notAfter))</td><td class=\"\(style)\">\(certificate.daysLeft) days</td></tr>"
        }
        return """
            <section id="certificates"><h2>Certificate expiry</h2>
            \(rows.isEmpty ? "<p>No HTTPS target scanned yet.</p>" : "<table><thead><tr><th>Target</th><th>Subject</th><th>Expires</th><th>Left</th></tr></thead><tbody>" + rows.joined() + "</tbody></table>")
            </section>
            """
    }

    private static func targets(_ dashboard: Dashboard) -> String {
        let sections = dashboard.targets.map { line in
            let latest = line.summary.latest
            let open = Severity.allCases.reversed().compactMap { severity in
                line.open[severity].map { "\($0) \(severity.rawValue)" }
            }
            let cadence =
                line.gaps.isEmpty
                ? "scanned at least every \(dashboard.cadenceDays) days"
                : "\(line.gaps.count) gap\(line.gaps.count == 1 ? "" : "s") longer than \(dashboard.cadenceDays) days "
                    + "(longest \(line.gaps.map(\.days).max() ?? 0) days, last ending \(day(line.gaps.last?.to ?? dashboard.now)))"
            return """
                <article class="finding"><h3>\(text(line.summary.target))</h3>
                <p>\(line.summary.scanCount) scans; latest #\(latest.sequence) at \(time(latest.observedAt)) \
                (\(text(latest.completion))). Open: \(open.isEmpty ? "none" : open.joined(separator: ", ")).</p>
                <p class="\(line.gaps.isEmpty ? "" : "warning")">Cadence: \(text(cadence)).</p>
                \(HTMLRenderer.scanTrendChart(line.recent))</article>
                """
        }
        return """
            <section id="targets"><h2>Targets</h2>
            \(sections.isEmpty ? "<p>No scan recorded yet.</p>" : sections.joined())</section>
            """
    }

    /// A finding's life: its state and deadline, every audit entry about it, the proof of fix,
    /// and (for an admin) the form to accept it or mark it a false positive.
    static func finding(_ history: FindingHistory, caller: Caller, csrf: String, now: Date, error: String? = nil)
        -> String
    {
        let finding = history.finding
        let (style, clock) = clock(finding, at: now)
        let life = history.entries.map {
            "<tr><td>\(time($0.at))</td><td>\(text($0.action))</td><td>\(text($0.actor))</td></tr>"
        }
        let proof = history.proofOfFix.map { proof in
            [("Failing", proof.failing), ("Passing", proof.passing)].map { name, evidence in
                "<tr><th>\(name)</th><td>scan <code>\(text(evidence.reference.scanID))</code>, "
                    + "sha256 <code>\(text(evidence.reference.sha256))</code>: "
                    + (evidence.isIntact ? "intact" : "<strong>does not match</strong>") + "</td></tr>"
            }.joined()
        }
        let acceptance = finding.acceptance.map {
            "<tr><th>Decision</th><td>\(text($0.status.rawValue)) by \(text($0.by)): \(text($0.reason))"
                + ($0.expiresAt.map { ", until \(day($0))" } ?? "") + "</td></tr>"
        }
        let form =
            caller.allows(.admin) && finding.status != .fixed
            ? """
            <section id="decide"><h2>Decide</h2>
            \(error.map { #"<p class="warning">\#(text($0))</p>"# } ?? "")
            <form method="post" action="/dashboard/findings/\(finding.id)/accept">
            <p><label for="status">Decision</label> <select id="status" name="status">\
            <option value="accepted">Accept the risk</option><option value="false-positive">Mark a false positive</option>\
            </select></p>
            <p><label for="reason">Reason</label><br><input id="reason" name="reason" required size="60"></p>
            <p><label for="expires">Until (a date, or days such as 90d; empty: no expiry)</label><br>\
            <input id="expires" name="expires" size="20"></p>
            <input type="hidden" name="csrf" value="\(text(csrf))">
            <p><button type="submit">Record the decision</button></p></form></section>
            """ : ""
        return Pages.page(
            title: finding.title,
            body: header(finding.title, caller: caller, csrf: csrf) + """
                <table class="facts">
                <tr><th>Severity</th><td><span class="badge \(finding.severity.rawValue)">\(finding.severity.rawValue)</span> \
                <code>\(text(finding.ruleID))</code></td></tr>
                <tr><th>Where</th><td>\(text(finding.target)) <code>\(text(finding.location.display))</code></td></tr>
                <tr><th>State</th><td id="state">\(text(finding.status.rawValue))</td></tr>
                <tr><th>SLA</th><td class="\(style)">\(text(clock))</td></tr>
                <tr><th>Seen</th><td>first \(time(finding.firstSeenAt)), last \(time(finding.lastSeenAt))</td></tr>
                <tr><th>Last detail</th><td>\(text(finding.lastDetail))</td></tr>
                \(acceptance ?? "")</table>
                <section id="life"><h2>Life</h2><table><thead><tr><th>When</th><th>What</th><th>Who</th></tr></thead>\
                <tbody>\(life.joined())</tbody></table></section>
                \(proof.map { #"<section id="proof"><h2>Proof of fix</h2><table class="facts">\#($0)</table></section>"# } ?? "")
                \(form)
                """)
    }

    /// The API keys, with the form to make one and, once, a new key's secret.
    static func keys(_ keys: [APIKey], caller: Caller, csrf: String, made: EvidenceStore.NewAPIKey? = nil) -> String {
        let rows = keys.map { key in
            let state =
                key.revokedAt.map { "revoked \(day($0))" } ?? key.expiresAt.map { "until \(day($0))" } ?? "active"
            let revoke =
                key.revokedAt == nil
                ? #"<form method="post" action="/dashboard/keys/\#(text(key.id))/revoke"><input type="hidden" name="csrf" value="\#(text(csrf))"><button type="submit">Revoke</button></form>"#
                : ""
            return "<tr><td><code>\(text(key.id))</code></td><td>\(text(key.name))</td>"
                + "<td>\(text(key.scopes.map(\.rawValue).joined(separator: ", ")))</td><td>\(text(state))</td>"
                + "<td>\(key.lastUsedAt.map(time) ?? "never")</td><td>\(revoke)</td></tr>"
        }
        let secret = made.map {
            #"<p class="warning">Key <code>\#(text($0.key.id))</code> made. Its secret, shown this once: <code id="secret">\#(text($0.secret))</code></p>"#
        }
        let scopes = APIKeyScope.allCases.map {
            #"<label><input type="checkbox" name="scope" value="\#($0.rawValue)"> \#($0.rawValue)</label>"#
        }
        return Pages.page(
            title: "API keys",
            body: header("API keys", caller: caller, csrf: csrf) + """
                \(secret ?? "")
                <table><thead><tr><th>Key</th><th>Name</th><th>Scopes</th><th>State</th><th>Last used</th><th></th></tr>\
                </thead><tbody>\(rows.joined())</tbody></table>
                <section id="new-key"><h2>Make a key</h2>
                <form method="post" action="/dashboard/keys">
                <p><label for="name">Name</label><br><input id="name" name="name" required size="40"></p>
                <p>Scopes: \(scopes.joined(separator: " "))</p>
                <p><label for="expires">Expires (a date, or days such as 90d; empty: never)</label><br>\
                <input id="expires" name="expires" size="20"></p>
                <input type="hidden" name="csrf" value="\(text(csrf))">
                <p><button type="submit">Make the key</button></p></form></section>
                """)
    }
}
