import Foundation
import ScantrailCore
import ScantrailHTTP
import ScantrailOpenAPI
import Synchronization

/// Loads OpenAPI descriptions from a file, a URL, or the target's usual documentation paths.
/// URLs are fetched through the scan's own HTTP client and limits.
public enum DescriptionLoader {
    /// Paths APIs commonly serve their description at, tried in order.
    public static let commonPaths = [
        "/openapi.json", "/openapi.yaml", "/swagger.json", "/v3/api-docs", "/api-docs", "/api/openapi.json",
        "/swagger/v1/swagger.json", "/docs/openapi.json", "/v2/api-docs",
    ]

    /// The largest description fetched from a URL: descriptions run to megabytes, far past the
    /// scan's per-response cap.
    public static let maxDocumentBytes = 32 << 20

    /// Imports a description someone uploaded, named `name`. It must stand alone: a `$ref` to
    /// another document is refused rather than fetched, so an upload cannot make the service
    /// read its own files or call other hosts.
    ///
    /// - Throws: ``AppError`` saying what is wrong with it.
    public static func load(uploaded data: Data, name: String) async throws -> APIInventory {
        // The importer notes an unresolvable reference and goes on; an upload is refused instead.
        let external = Mutex<String?>(nil)
        do {
            let inventory = try await OpenAPIImporter.importDocument(data, source: name) { reference in
                external.withLock { $0 = $0 ?? reference }
                throw AppError.invalid("an uploaded description must stand alone")
            }
            if let reference = external.withLock({ $0 }) {
                throw AppError.invalid(
                    "\(name) refers to \(reference.prefix(80)): an uploaded description must stand alone")
            }
            return inventory
        } catch let error as OpenAPIImportError {
            throw AppError.invalid("\(error)")
        } catch let error as AppError {
            throw error
        } catch {
            throw AppError.invalid("\(name): \(error)")
        }
    }

    /// Imports `location`: an http(s) URL, or a file path.
    ///
    /// - Throws: ``AppError`` naming the location and what is wrong.
    public static func load(_ location: String, configuration: ScanConfiguration = ScanConfiguration()) async throws
        -> APIInventory
    {
        do {
            if location.hasPrefix("http://") || location.hasPrefix("https://") {
                return try await HTTPClientProbe.withProbe(configuration: documentFetching(configuration)) { probe in
                    let data = try await fetch(location, probe)
                    return try await OpenAPIImporter.importDocument(data, source: location) {
                        try await fetch($0, probe)
                    }
                }
            }
            return try await OpenAPIImporter.importFile(location)
        } catch let error as OpenAPIImportError {
            throw AppError.invalid("\(error)")
        } catch let error as AppError {
            throw error
        } catch {
            throw AppError.invalid("\(location): \(error)")
        }
    }

    /// The first description found at ``commonPaths`` on `target`, with its URL.
    static func discover(on target: ScanTarget, configuration: ScanConfiguration) async throws
        -> (url: String, inventory: APIInventory)?
    {
        try await HTTPClientProbe.withProbe(configuration: documentFetching(configuration)) { probe in
            for path in commonPaths {
                let url = target.url(path: path)
                guard let data = try? await fetch(url, probe),
                    let inventory = try? await OpenAPIImporter.importDocument(
                        data, source: url, load: { try await fetch($0, probe) })
                else { continue }
                return (url, inventory)
            }
            return nil
        }
    }

    /// `configuration` with room for a whole description in one response.
    private static func documentFetching(_ configuration: ScanConfiguration) -> ScanConfiguration {
        var fetching = configuration
        fetching.limits.maxBodyBytes = max(configuration.limits.maxBodyBytes, maxDocumentBytes)
        return fetching
    }

    private static func fetch(_ url: String, _ probe: HTTPClientProbe) async throws -> Data {
        let exchange = try await probe.send(ProbeRequest(url: url, followRedirects: true))
        guard let response = exchange.response else {
            throw AppError.invalid("\(url): \(exchange.failure.map { "\($0)" } ?? "no response")")
        }
        guard (200..<300).contains(response.status) else {
            throw AppError.invalid("\(url) answered \(response.status)")
        }
        guard !response.bodyTruncated else {
            throw AppError.invalid("\(url) is larger than \(maxDocumentBytes >> 20) MiB")
        }
        return response.body
    }
}
