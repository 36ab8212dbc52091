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

    /// The layout's view: the title, the body (HTML a template rendered), whether it refreshes.
    private struct Layout {
        let title: String
        let style = Pages.style
        let body: String
        let refresh: Bool
    }

    /// `template` rendered with `view`, in the layout titled `title`.
    static func page(title: String, template: String, _ view: Any, refresh: Bool = false) -> String {
        PageTemplates.render(
            "layout", Layout(title: title, body: PageTemplates.render(template, view), refresh: refresh))
    }

    /// The front door: a URL, an optional description, a consent line, Scan.
    static func scanForm(csrf: String, error: String? = nil, url: String = "", openapi: String = "") -> String {
        struct View {
            let csrf: String
            let error: String?
            let url: String
            let openapi: String
        }
        return page(
            title: "Scantrail: scan your API", template: "scan-form",
            View(csrf: csrf, error: error, url: url, openapi: openapi))
    }

    /// A queued or running scan; refreshed without JavaScript, followed live with it.
    static func progress(_ scan: HostedScan) -> String {
        struct View {
            let target: String
            let id: String
            let line: String
            let script = Pages.progressScript
        }
        return page(
            title: "Scanning \(scan.target)", template: "progress",
            View(target: scan.target, id: scan.id.rawValue, line: scan.progressLine), refresh: true)
    }

    /// A scan that could not run.
    static func failed(_ scan: HostedScan, reason: String) -> String {
        struct View {
            let target: String
            let reason: String
        }
        return page(title: "Scan failed", template: "failed", View(target: scan.target, reason: reason))
    }

    /// An error page.
    static func error(_ error: ServerError) -> String {
        struct View {
            let title: String
            let detail: String
        }
        return page(title: error.title, template: "error", View(title: error.title, detail: error.detail))
    }
}
