import Crypto
import Foundation
import ScantrailReports

/// The site's pages, server-rendered: they work without JavaScript; one small script, allowed
/// by its hash in the CSP, follows a running scan live.
enum Pages {
    /// The style of every page (the HTML report's).
    static let style = HTMLRenderer.style

    /// Follows `/scans/ID/events` and rewrites the progress line; reloads when the scan ends.
    static let progressScript = """
        const line = document.getElementById("progress");
        const events = new EventSource(line.dataset.events);
        events.addEventListener("progress", (event) => { line.textContent = event.data; });
        events.addEventListener("end", () => { events.close(); location.reload(); });
        """

    /// The Content-Security-Policy of every page: nothing but the page's own style and script.
    static let contentSecurityPolicy: String =
        "default-src 'none'; style-src '\(hash(style))'; script-src '\(hash(progressScript))'; connect-src 'self'; "
        + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    private static func hash(_ text: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }

    static func page(title: String, body: String, refresh: Bool = false) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(refresh ? #"<meta http-equiv="refresh" content="3">"# : "")
        <title>\(HTMLRenderer.text(title))</title>
        <style>\(style)</style>
        </head>
        <body><main>
        \(body)
        </main></body>
        </html>

        """
    }

    /// The front door: a URL, a consent line, Scan.
    static func scanForm(csrf: String, error: String? = nil, url: String = "", openapi: String = "") -> String {
        page(
            title: "Scantrail: scan your API",
            body: """
                <header><h1>Scan your API</h1>
                <p class="meta">An external security scan in about a minute: TLS, headers, CORS, exposed files, errors. \
                No signup. Passive only: nothing is changed on your API.</p></header>
                \(error.map { #"<p class="warning">\#(HTMLRenderer.text($0))</p>"# } ?? "")
                <form method="post" action="/scans" enctype="multipart/form-data">
                <p><label for="url">API base URL</label><br>
                <input id="url" name="url" type="url" required size="60" placeholder="https://api.example.com" \
                value="\(HTMLRenderer.text(url))"></p>
                <p><label for="openapi">OpenAPI description URL (optional: every documented operation is then checked)</label><br>
                <input id="openapi" name="openapi" type="url" size="60" placeholder="https://api.example.com/openapi.json" \
                value="\(HTMLRenderer.text(openapi))"><br>
                <label for="openapi_file">or upload it (JSON or YAML, up to 4 MiB, without references to other files)</label><br>
                <input id="openapi_file" name="openapi_file" type="file" accept=".json,.yaml,.yml"></p>
                <p><input id="consent" name="consent" type="checkbox" value="yes" required> \
                <label for="consent">I am allowed to test this API</label></p>
                <input type="hidden" name="csrf" value="\(HTMLRenderer.text(csrf))">
                <p><button type="submit">Scan</button></p>
                </form>
                """)
    }

    /// A queued or running scan; refreshed without JavaScript, followed live with it.
    static func progress(_ scan: HostedScan) -> String {
        return page(
            title: "Scanning \(scan.target)",
            body: """
                <header><h1>Scanning</h1><p class="target">\(HTMLRenderer.text(scan.target))</p></header>
                <p id="progress" data-events="/scans/\(scan.id)/events">\(HTMLRenderer.text(scan.progressLine))</p>
                <p class="meta">Keep this link: it is the only key to the result.</p>
                <script>\(progressScript)</script>
                """, refresh: true)
    }

    /// A scan that could not run.
    static func failed(_ scan: HostedScan, reason: String) -> String {
        page(
            title: "Scan failed",
            body: """
                <header><h1>The scan could not run</h1><p class="target">\(HTMLRenderer.text(scan.target))</p></header>
                <p class="warning">\(HTMLRenderer.text(reason))</p><p><a href="/">Scan another API</a></p>
                """)
    }

    /// An error page.
    static func error(_ error: ServerError) -> String {
        page(
            title: error.title,
            body: "<header><h1>\(HTMLRenderer.text(error.title))</h1></header><p>\(HTMLRenderer.text(error.detail))</p>"
                + #"<p><a href="/">Back</a></p>"#)
    }
}
