import Foundation
import ScantrailCore

/// Imports an OpenAPI 3.0/3.1 or Swagger 2.0 description, JSON or YAML, into an
/// ``APIInventory``. Broken parts are skipped and listed with their location; only a document
/// that cannot be read, or is not OpenAPI at all, fails the import.
public enum OpenAPIImporter {
    /// Imports the document at `path`, following `$ref`s into files beside it.
    ///
    /// - Throws: ``OpenAPIImportError``.
    public static func importFile(_ path: String) async throws -> APIInventory {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: absolute))
        } catch {
            throw OpenAPIImportError.unreadable(path, "cannot read the file")
        }
        return try await importDocument(data, source: absolute) { reference in
            try Data(contentsOf: URL(fileURLWithPath: reference))
        }
    }

    /// Imports `data`, named `source` (a path or URL, against which relative `$ref`s resolve);
    /// `load` fetches referenced documents by absolute path or URL.
    ///
    /// - Throws: ``OpenAPIImportError``.
    public static func importDocument(
        _ data: Data, source: String, load: @escaping (String) async throws -> Data
    ) async throws -> APIInventory {
        let root = try SpecificationText.parse(data, source: source)
        guard case .object(let fields) = root else {
            throw OpenAPIImportError.notOpenAPI(source, "the top level is not an object")
        }
        let dialect: OpenAPIWalker.Dialect
        if case .string(let version)? = fields["openapi"], version.hasPrefix("3.") {
            dialect = .openAPI3(version)
        } else if case .string("2.0")? = fields["swagger"] {
            dialect = .swagger2
        } else {
            throw OpenAPIImportError.notOpenAPI(source, "no `openapi: 3.x` or `swagger: \"2.0\"` field")
        }
        let walker = OpenAPIWalker(
            root: root, dialect: dialect, resolver: ReferenceResolver(root: root, name: source, load: load),
            source: source)
        return await walker.inventory()
    }
}
