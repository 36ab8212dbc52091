import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// What the surface checks judge on a target the scan has no description of: the API
/// documentation the exposure probes found (its first ``limit`` operations), else the paths
/// the scan learnt — same-origin links of the base URL's answer (its redirects' `Location`s,
/// `Content-Location` and `Link` headers, `href`, `src` and `action` attributes of a page,
/// path-like strings of a JSON body) and the exposure probes' hits that are endpoints (metrics,
/// a console, a listing; never a file of secrets) — under the target's base
/// path, static assets left out, sorted, at most ``limit``. Learnt once per scan, from
/// answers every scan gets alike, so the same target gives the same places.
enum LearnedPaths {
    /// Most places learnt: about four requests each (the walk, a crafted `Origin`, `TRACE`
    /// and `OPTIONS`), inside the default budget.
    static let limit = 20

    /// Extensions of files whose headers say nothing about the API.
    static let assetExtensions: Set = [
        "css", "js", "mjs", "map", "png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "avif", "bmp", "woff", "woff2",
        "ttf", "otf", "eot", "mp3", "mp4", "webm", "pdf", "zip", "gz",
    ]

    /// The API learnt on `target`, or `nil` when nothing was learnt besides the base URL.
    static func api(on target: ScanTarget, context: ScanContext) async throws -> APIUnderTest? {
        let base = try await ResponseEvidence.baseURL(of: target, context: context, followRedirects: true)
        var exposed: [ExposureProbe] = []
        if context.configuration.selects(ExposureCheck.metadata.id) {
            exposed = try await ExposureCheck().exposed(on: target, context: context)
        }
        for probe in exposed where probe.kind == .apiDocumentation {
            if let documented = try await documentation(at: probe.path, on: target, context: context) {
                return APIUnderTest(inventory: documented.prefix(limit), identities: [])
            }
        }
        let paths = Set(
            links(in: base.exchange, on: target)
                + exposed.filter(\.kind.isSurface).compactMap { relative($0.path, on: target) })
        guard !paths.isEmpty else { return nil }
        return APIUnderTest(
            inventory: APIInventory(learned: Array(paths.sorted().prefix(limit)), title: target.host), identities: [])
    }

    /// The description served at `path`, when it imports on its own and documents operations.
    private static func documentation(at path: String, on target: ScanTarget, context: ScanContext) async throws
        -> APIInventory?
    {
        let url = target.url(path: path)
        let exchange = try await context.http.send(ProbeRequest(url: url))
        guard let response = exchange.response, (200..<300).contains(response.status), !response.bodyTruncated else {
            return nil
        }
        // A reference to another document is not followed: the scan learns, it does not crawl.
        let inventory = try? await OpenAPIImporter.importDocument(response.body, source: url) { reference in
            throw OpenAPIImportError.notOpenAPI(reference, "not fetched while learning paths")
        }
        return inventory?.operations.isEmpty == false ? inventory : nil
    }

    /// The same-origin paths `exchange` links to, relative to `target`'s base path.
    static func links(in exchange: HTTPExchange, on target: ScanTarget) -> [String] {
        guard let response = exchange.response else { return [] }
        // Links resolve against the page answered: the last redirect's target.
        let page = exchange.redirects.reduce(URL(string: exchange.request.url)) { page, redirect in
            page.flatMap { URL(string: redirect.location, relativeTo: $0)?.absoluteURL }
        }
        var references = exchange.redirects.map(\.location)
        references += response.headers.all("Location") + response.headers.all("Content-Location")
        references += response.headers.all("Link").flatMap(linkTargets)
        if response.mediaType?.contains("json") == true,
            let json = try? JSONDecoder().decode(JSONValue.self, from: response.body)
        {
            references += strings(in: json).filter { $0.hasPrefix("/") || $0.hasPrefix("http") }
        } else {
            references += attributeValues(in: String(decoding: response.body, as: UTF8.self))
        }
        return references.compactMap { reference in
            guard let page, let url = URL(string: reference, relativeTo: page)?.absoluteURL,
                url.scheme?.lowercased() == target.scheme, url.host?.lowercased() == target.host.lowercased(),
                (url.port ?? (target.scheme == "https" ? 443 : 80)) == target.port
            else { return nil }
            return relative(url.path, on: target)
        }
    }

    /// `path` (from the origin) relative to `target`'s base path: `nil` outside it, for the base
    /// URL itself, and for static assets.
    static func relative(_ path: String, on target: ScanTarget) -> String? {
        let base = target.basePath.hasSuffix("/") ? String(target.basePath.dropLast()) : target.basePath
        guard path.hasPrefix(base + "/"), !path.contains(" "), path.count <= 256 else { return nil }
        let inner = String(path.dropFirst(base.count))
        let file = inner.split(separator: "/").last ?? ""
        let fileExtension = file.contains(".") ? file.split(separator: ".").last.map { $0.lowercased() } : nil
        guard inner != "/", !inner.contains(".."), !assetExtensions.contains(fileExtension ?? "") else { return nil }
        return inner
    }

    /// The `<…>` targets of a `Link` header.
    private static func linkTargets(_ value: String) -> [String] {
        value.split(separator: ",").compactMap { part in
            guard let open = part.firstIndex(of: "<"), let close = part[open...].firstIndex(of: ">") else { return nil }
            return String(part[part.index(after: open)..<close])
        }
    }

    /// The values of a page's `href`, `src` and `action` attributes.
    private static func attributeValues(in text: String) -> [String] {
        let pattern = #/(?i)\b(?:href|src|action)\s*=\s*["']([^"'<>\s]+)["']/#
        return text.matches(of: pattern).map { String($0.output.1) }
    }

    /// Every string of `json`, however deep.
    private static func strings(in json: JSONValue) -> [String] {
        switch json {
        case .string(let value): [value]
        case .array(let values): values.flatMap(strings)
        case .object(let fields): fields.values.flatMap(strings)
        default: []
        }
    }
}
