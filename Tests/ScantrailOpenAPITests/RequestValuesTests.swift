import Foundation
import ScantrailCore
import Testing

@testable import ScantrailOpenAPI

/// The values the checks send for documented parameters and bodies, from a description
/// written inline.
@Suite("Requests built from a description: parameters and bodies")
struct RequestValuesTests {
    static let document = #"""
        {"openapi": "3.0.3", "info": {"title": "values", "version": "1"},
         "paths": {
           "/orders/{orderId}/items/{sku}": {"get": {
             "parameters": [
               {"name": "orderId", "in": "path", "required": true, "schema": {"type": "integer"}},
               {"name": "sku", "in": "path", "required": true, "schema": {"type": "string", "enum": ["a/b c", "z"]}},
               {"name": "since", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}},
               {"name": "page", "in": "query", "schema": {"type": "integer"}},
               {"name": "X-Tenant", "in": "header", "required": true, "example": "acme"},
               {"name": "X-Trace", "in": "header", "schema": {"type": "string"}}],
             "responses": {"200": {"description": "ok"}}}},
           "/users/{id}": {"patch": {
             "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
             "requestBody": {"content": {"application/json": {"schema": {"type": "object",
               "properties": {"email": {"type": "string", "format": "email"}, "age": {"type": "integer"}}}}}},
             "responses": {"200": {"description": "ok"}}}},
           "/login": {"post": {
             "requestBody": {"content": {"application/x-www-form-urlencoded": {
               "example": {"user": "alice", "password": "pw"}}}},
             "responses": {"200": {"description": "ok"}}}}}}
        """#

    static func operation(_ label: String) async throws -> APIOperation {
        let inventory = try await OpenAPIImporter.importDocument(Data(document.utf8), source: "values.json") { _ in
            Data()
        }
        return try #require(inventory.operations.first { $0.label == label }, "\(inventory.operations.map(\.label))")
    }

    @Test("path parameters take their type's stand-in or first enum value, encoded; required query ones follow")
    func concretePath() async throws {
        let operation = try await Self.operation("GET /orders/{orderId}/items/{sku}")
        #expect(operation.concretePath() == "/orders/1/items/a%2Fb%20c?since=2026-01-01")
    }

    @Test("values at hand replace the document's, by parameter name")
    func harvested() async throws {
        let operation = try await Self.operation("GET /orders/{orderId}/items/{sku}")
        #expect(
            operation.concretePath(values: ["orderId": "1042", "sku": "z", "since": "2020-01-01"])
                == "/orders/1042/items/z?since=2020-01-01")
    }

    @Test("only required headers are sent, with their example")
    func headers() async throws {
        let operation = try await Self.operation("GET /orders/{orderId}/items/{sku}")
        #expect(operation.sampleHeaders == [HeaderField(name: "X-Tenant", value: "acme")])
    }

    @Test("a JSON body is synthesised from its schema; a form body is written from its example")
    func bodies() async throws {
        let patch = try await Self.operation("PATCH /users/{id}")
        #expect(patch.concretePath() == "/users/3fa85f64-5717-4562-b3fc-2c963f66afa6")
        let json = try #require(patch.sampleBody)
        #expect(json.mediaType == "application/json")
        let fields = try #require(try JSONSerialization.jsonObject(with: json.data) as? [String: Any])
        #expect(fields["email"] as? String == "scantrail@example.com" && fields["age"] as? Int == 1)
        let login = try #require(try await Self.operation("POST /login").sampleBody)
        #expect(String(decoding: login.data, as: UTF8.self) == "password=pw&user=alice")
    }

    @Test(
        "references resolve against the document that names them",
        arguments: [
            ("schemas.yaml", "/specs/api.yaml", "/specs/schemas.yaml"),
            ("../common/errors.yaml", "/specs/v1/api.yaml", "/specs/common/errors.yaml"),
            ("/abs/x.yaml", "/specs/api.yaml", "/abs/x.yaml"),
            (
                "parts/p.json", "https://api.example.test/docs/openapi.json",
                "https://api.example.test/docs/parts/p.json"
            ),
            ("/other.json", "https://api.example.test/docs/openapi.json", "https://api.example.test/other.json"),
        ])
    func references(file: String, document: String, resolved: String) {
        #expect(ReferenceResolver.absolute(file, relativeTo: document) == resolved)
    }

    @Test("JSON pointer tokens escape ~ and /")
    func pointerEscapes() {
        #expect(ReferenceResolver.escape("/users/{id}") == "~1users~1{id}")
        #expect(ReferenceResolver.escape("a~b") == "a~0b")
    }
}
