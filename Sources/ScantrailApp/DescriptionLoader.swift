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
        // The importer notes an unresolvable reference and goes on; an upload is refused instead,
        // without naming where the reference would lead on this machine.
        let external = Mutex(false)
        do {
            let inventory = try await OpenAPIImporter.importDocument(data, source: name) { _ in
                external.withLock { $0 = true }
                throw AppError.invalid("an uploaded description must stand alone")
            }
            if external.withLock({ $0 }) {
                throw AppError.invalid("\(name) refers to another document: an uploaded description must stand alone")
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

    /// Imports the description at `location`: a URL through the scan's own client and limits
    /// (its `$ref`s only ever to other http(s) URLs), a file with the files beside it.
    ///
    /// - Throws: ``AppError`` naming the location and what is wrong.
    public static func load(_ location: DescriptionLocation, configuration: ScanConfiguration = ScanConfiguration())
        async throws -> APIInventory
    {
        do {
            switch location {
            case .url(let url):
                return try await HTTPClientProbe.withProbe(configuration: documentFetching(configuration)) { probe in
                    try await importFetched(url, probe)
                }
            case .file(let path):
                return try await OpenAPIImporter.importFile(path)
            }
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
                guard let inventory = try? await importFetched(url, probe) else { continue }
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

    /// The description at `url`, its references fetched as URLs too: a `$ref` naming a file, or
    /// another scheme, is never followed.
    private static func importFetched(_ url: String, _ probe: HTTPClientProbe) async throws -> APIInventory {
        try await OpenAPIImporter.importDocument(try await fetch(url, probe), source: url) { reference in
            guard case .url(let referenced) = try DescriptionLocation.remote(reference) else {
                throw AppError.invalid("a fetched description refers only to other URLs")
            }
            return try await fetch(referenced, probe)
        }
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
