import Mustache

/// The site's pages as mustache templates: `{{value}}` is HTML-escaped, `{{{value}}}` only ever
/// holds HTML the server made itself (a chart, a rendered report, the page's own style). Pages
/// give each template a view value of display-ready strings (see ``Pages`` and
/// ``DashboardPages``); every page is a body template wrapped in `layout`.
enum PageTemplates {
    /// Every template, parsed once. A template that does not parse is a programming error, caught
    /// by the test that renders each page.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in templates {
            // The templates are this file's constants; the page tests parse every one.
            try! library.register(text, named: name)
        }
        return library
    }()

    /// `view` rendered with template `name`.
    static func render(_ name: String, _ view: Any) -> String {
        library.render(view, withTemplate: name) ?? ""
    }

    static let templates: [String: String] = [
        "layout": #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        {{#refresh}}<meta http-equiv="refresh" content="3">{{/refresh}}
        <title>{{title}}</title>
        <style>{{{style}}}</style>
        </head>
        <body><main>
        {{{body}}}
        </main></body>
        </html>

        """#,
        "scan-form": #"""
        <header><h1>Scan your API</h1>
        <p class="meta">An external security scan in about a minute: TLS, headers, CORS, exposed files, errors. No signup. Passive only: nothing is changed on your API.</p></header>
        {{#error}}<p class="warning">{{error}}</p>{{/error}}
        <form method="post" action="/scans" enctype="multipart/form-data">
        <p><label for="url">API base URL</label><br>
        <input id="url" name="url" type="url" required size="60" placeholder="https://api.example.com" value="{{url}}"></p>
        <p><label for="openapi">OpenAPI description URL (optional: every documented operation is then checked)</label><br>
        <input id="openapi" name="openapi" type="url" size="60" placeholder="https://api.example.com/openapi.json" value="{{openapi}}"><br>
        <label for="openapi_file">or upload it (JSON or YAML, up to 4 MiB, without references to other files)</label><br>
        <input id="openapi_file" name="openapi_file" type="file" accept=".json,.yaml,.yml"></p>
        <p><input id="consent" name="consent" type="checkbox" value="yes" required> <label for="consent">I am allowed to test this API</label></p>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><button type="submit">Scan</button></p>
        </form>
        """#,
        "progress": #"""
        <header><h1>Scanning</h1><p class="target">{{target}}</p></header>
        <p id="progress" data-events="/scans/{{id}}/events">{{line}}</p>
        <p class="meta">Keep this link: it is the only key to the result.</p>
        <script>{{{script}}}</script>
        """#,
        "failed": #"""
        <header><h1>The scan could not run</h1><p class="target">{{target}}</p></header>
        <p class="warning">{{reason}}</p><p><a href="/">Scan another API</a></p>
        """#,
        "error": #"""
        <header><h1>{{title}}</h1></header><p>{{detail}}</p><p><a href="/">Back</a></p>
        """#,
        "signed-in": #"""
        <header><h1>{{heading}}</h1>
        <p class="meta">Signed in with key <code>{{keyID}}</code> ({{keyName}}; {{scopes}}) · <a href="/dashboard">Overview</a>{{#admin}} · <a href="/dashboard/keys">API keys</a>{{/admin}}</p>
        <form method="post" action="/dashboard/logout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Sign out</button></form></header>
        """#,
        "login": #"""
        <header><h1>Sign in to the dashboard</h1>
        <p class="meta">With an API key (<code>scantrail api-keys create --scope read</code>); the session lasts eight hours, and ends when the key is revoked.</p></header>
        {{#error}}<p class="warning">{{error}}</p>{{/error}}
        <form method="post" action="/dashboard/login">
        <p><label for="key">API key</label><br>
        <input id="key" name="key" type="password" required size="60" autocomplete="off"></p>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><button type="submit">Sign in</button></p>
        </form>
        """#,
        "overview": #"""
        {{#header}}{{> signed-in}}{{/header}}
        <section id="counts"><h2>Findings</h2><div class="counts">{{#states}}<div class="count"><span>{{count}}</span>{{name}}</div>{{/states}}</div>
        {{{severityChart}}}</section>
        <section id="deadlines"><h2>Remediation deadlines</h2>
        <p class="meta">Open findings, nearest deadline first: overdue ones lead.</p>
        {{^deadlines}}<p>No open finding.</p>{{/deadlines}}
        {{#hasDeadlines}}<table><thead><tr><th>Severity</th><th>Finding</th><th>SLA</th></tr></thead><tbody>
        {{#deadlines}}<tr><td><span class="badge {{severity}}">{{severity}}</span></td><td><a href="/dashboard/findings/{{id}}">{{title}}</a><br><code>{{location}}</code></td><td class="{{clockClass}}">{{clock}}</td></tr>
        {{/deadlines}}</tbody></table>{{/hasDeadlines}}
        {{#next}}<p><a href="/dashboard?after={{next}}">Next deadlines</a></p>{{/next}}</section>
        <section id="certificates"><h2>Certificate expiry</h2>
        {{^certificates}}<p>No HTTPS target scanned yet.</p>{{/certificates}}
        {{#hasCertificates}}<table><thead><tr><th>Target</th><th>Subject</th><th>Expires</th><th>Left</th></tr></thead><tbody>
        {{#certificates}}<tr><td>{{target}}</td><td>{{subject}}</td><td>{{expires}}</td><td class="{{style}}">{{daysLeft}} days</td></tr>
        {{/certificates}}</tbody></table>{{/hasCertificates}}
        </section>
        <section id="targets"><h2>Targets</h2>
        {{^targets}}<p>No scan recorded yet.</p>{{/targets}}
        {{#targets}}<article class="finding"><h3>{{target}}</h3>
        <p>{{scanCount}} scans; latest #{{latestSequence}} at {{latestAt}} ({{completion}}). Open: {{open}}.</p>
        <p class="{{cadenceClass}}">Cadence: {{cadence}}.</p>
        {{{trend}}}</article>
        {{/targets}}</section>
        """#,
        "finding": #"""
        {{#header}}{{> signed-in}}{{/header}}
        <table class="facts">
        <tr><th>Severity</th><td><span class="badge {{severity}}">{{severity}}</span> <code>{{ruleID}}</code></td></tr>
        <tr><th>Where</th><td>{{target}} <code>{{location}}</code></td></tr>
        <tr><th>State</th><td id="state">{{state}}</td></tr>
        <tr><th>SLA</th><td class="{{clockClass}}">{{clock}}</td></tr>
        <tr><th>Seen</th><td>first {{firstSeen}}, last {{lastSeen}}</td></tr>
        <tr><th>Last detail</th><td>{{detail}}</td></tr>
        {{#decision}}<tr><th>Decision</th><td>{{decision}}</td></tr>{{/decision}}
        </table>
        <section id="life"><h2>Life</h2><table><thead><tr><th>When</th><th>What</th><th>Who</th></tr></thead><tbody>
        {{#life}}<tr><td>{{at}}</td><td>{{action}}</td><td>{{actor}}</td></tr>
        {{/life}}</tbody></table></section>
        {{#hasProof}}<section id="proof"><h2>Proof of fix</h2><table class="facts">
        {{#proof}}<tr><th>{{name}}</th><td>scan <code>{{scanID}}</code>, sha256 <code>{{sha256}}</code>: {{#intact}}intact{{/intact}}{{^intact}}<strong>does not match</strong>{{/intact}}</td></tr>
        {{/proof}}</table></section>{{/hasProof}}
        {{#canDecide}}<section id="decide"><h2>Decide</h2>
        <form method="post" action="/dashboard/findings/{{id}}/accept">
        <p><label for="status">Decision</label> <select id="status" name="status"><option value="accepted">Accept the risk</option><option value="false-positive">Mark a false positive</option></select></p>
        <p><label for="reason">Reason</label><br><input id="reason" name="reason" required size="60"></p>
        <p><label for="expires">Until (a date, or days such as 90d; empty: no expiry)</label><br><input id="expires" name="expires" size="20"></p>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><button type="submit">Record the decision</button></p></form></section>{{/canDecide}}
        """#,
        "keys": #"""
        {{#header}}{{> signed-in}}{{/header}}
        {{#made}}<p class="warning">Key <code>{{madeID}}</code> made. Its secret, shown this once: <code id="secret">{{made}}</code></p>{{/made}}
        <table><thead><tr><th>Key</th><th>Name</th><th>Scopes</th><th>State</th><th>Last used</th><th></th></tr></thead><tbody>
        {{#keys}}<tr><td><code>{{id}}</code></td><td>{{name}}</td><td>{{scopes}}</td><td>{{state}}</td><td>{{lastUsed}}</td><td>{{#active}}<form method="post" action="/dashboard/keys/{{id}}/rotate"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Rotate (old key works 24 h more)</button></form> <form method="post" action="/dashboard/keys/{{id}}/revoke"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Revoke</button></form>{{/active}}</td></tr>
        {{/keys}}</tbody></table>
        <section id="new-key"><h2>Make a key</h2>
        <form method="post" action="/dashboard/keys">
        <p><label for="name">Name</label><br><input id="name" name="name" required size="40"></p>
        <p>Scopes: {{#scopeChoices}}<label><input type="checkbox" name="scope" value="{{.}}"> {{.}}</label> {{/scopeChoices}}</p>
        <p><label for="expires">Expires (a date, or days such as 90d; empty: never)</label><br><input id="expires" name="expires" size="20"></p>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><button type="submit">Make the key</button></p></form></section>
        """#,
    ]
}
