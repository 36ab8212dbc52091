import Foundation
import ScantrailOpenAPI
import Testing

@testable import ScantrailApp

@Suite("SARIF points at the line of each operation in the description file")
struct DescriptionLinesTests {
    static func operations(_ document: String, format: String) async throws -> [APIOperation] {
        try await OpenAPIImporter.importDocument(Data(document.utf8), source: "/specs/api.\(format)") { _ in Data() }
            .operations
    }

    static let yaml = """
        openapi: 3.0.3
        info: {title: T, version: "1"}
        paths:
          /users:
            get:
              responses: {"200": {description: ok}}
            post:
              responses: {"201": {description: created}}
          '/users/{id}':
            delete:
              responses: {"204": {description: gone}}
        """

    @Test("YAML: each method's own line under its path, quoted paths too")
    func yaml() async throws {
        let lines = DescriptionLines.lines(
            in: Self.yaml, operations: try await Self.operations(Self.yaml, format: "yaml"))
        #expect(lines == ["GET /users": 5, "POST /users": 7, "DELETE /users/{id}": 10])
    }

    @Test("JSON: the same, from quoted keys")
    func json() async throws {
        let json = """
            {
              "openapi": "3.1.0",
              "info": {"title": "T", "version": "1"},
              "paths": {
                "/orders": {
                  "get": {"responses": {"200": {"description": "ok"}}}
                },
                "/orders/{n}": {"parameters": [], "patch": {"responses": {"200": {"description": "ok"}}}}
              }
            }
            """
        let lines = DescriptionLines.lines(in: json, operations: try await Self.operations(json, format: "json"))
        #expect(lines["GET /orders"] == 6)
        // A method on the path's own line is found at that line.
        #expect(lines["PATCH /orders/{n}"] == 8)
    }

    @Test("a file inside the working folder is named relative to it; a URL gives no file to point at")
    func reference() async throws {
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent(".build/description-lines-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("openapi.yaml")
        try Self.yaml.write(to: file, atomically: true, encoding: .utf8)
        let operations = try await Self.operations(Self.yaml, format: "yaml")
        let reference = try #require(DescriptionLines.reference(location: .file(file.path), operations: operations))
        #expect(reference.path == ".build/\(folder.lastPathComponent)/openapi.yaml")
        #expect(reference.lines["POST /users"] == 7)
        #expect(
            DescriptionLines.reference(location: .url("http://127.0.0.1:1/openapi.yaml"), operations: operations) == nil
        )
    }
}
