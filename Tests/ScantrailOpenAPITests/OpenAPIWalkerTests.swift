import Foundation
import ScantrailCore
import Testing

@testable import ScantrailOpenAPI

@Suite("The walker turns a description into operations, as the checks will send them")
struct OpenAPIWalkerTests {
    /// Imports `yaml` with no neighbouring files.
    static func inventory(_ yaml: String) async throws -> APIInventory {
        try await OpenAPIImporter.importDocument(Data(yaml.utf8), source: "/specs/api.yaml") { name in
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
        }
    }

    static let document = """
        openapi: 3.0.3
        info: {title: Shop, version: "2.1"}
        servers: [{url: "https://api.shop.test/v2"}]
        security: [{bearer: []}]
        components:
          securitySchemes:
            bearer: {type: http, scheme: bearer}
            key: {type: apiKey, in: header, name: X-API-Key}
        paths:
          /orders/{orderId}:
            parameters:
              - {name: orderId, in: path, required: true, schema: {type: integer}}
              - {name: verbose, in: query, schema: {type: boolean}}
            get:
              operationId: getOrder
              parameters:
                - {name: verbose, in: query, required: true, schema: {type: string, enum: [full, short]}}
            delete:
              security: [{key: []}, {}]
          /health:
            get:
              security: []
          /admin/users:
            get:
              tags: [Admin]
              security: [{bearer: [], key: []}]
        """

    @Test("title, version, servers and schemes are read")
    func header() async throws {
        let inventory = try await Self.inventory(Self.document)
        #expect(inventory.title == "Shop" && inventory.version == "2.1")
        #expect(inventory.specification.contains("3.0.3"))
        #expect(inventory.servers == ["https://api.shop.test/v2"])
        #expect(inventory.securitySchemes["key"]?.name == "X-API-Key")
        #expect(inventory.securitySchemes["bearer"]?.scheme == "bearer")
        #expect(inventory.issues.isEmpty)
    }

    @Test("path-level parameters are shared; an operation's own parameter of the same name replaces it")
    func parameters() async throws {
        let inventory = try await Self.inventory(Self.document)
        let get = try #require(inventory.operations.first { $0.label == "GET /orders/{orderId}" })
        #expect(get.parameters.map(\.name).sorted() == ["orderId", "verbose"])
        let verbose = try #require(get.parameters.first { $0.name == "verbose" })
        #expect(verbose.required && verbose.enumValues == [.string("full"), .string("short")])
        #expect(get.pathParameters.map(\.name) == ["orderId"])
        #expect(get.operationID == "getOrder")
    }

    @Test("security: the global requirement applies unless the operation sets its own; an empty one is public")
    func security() async throws {
        let operations = try await Self.inventory(Self.document).operations
        let byLabel = Dictionary(uniqueKeysWithValues: operations.map { ($0.label, $0) })
        #expect(byLabel["GET /orders/{orderId}"]?.security == [["bearer"]])
        #expect(byLabel["GET /orders/{orderId}"]?.isSecured == true)
        #expect(byLabel["GET /health"]?.isSecured == false)
        // An alternative with no requirement makes the operation optionally secured, not secured.
        #expect(byLabel["DELETE /orders/{orderId}"]?.isSecured == false)
        #expect(byLabel["GET /admin/users"]?.security.first?.sorted() == ["bearer", "key"])
    }

    @Test("unsafe methods and administrative operations are told apart")
    func kinds() async throws {
        let operations = try await Self.inventory(Self.document).operations
        #expect(operations.filter(\.isUnsafe).map(\.label) == ["DELETE /orders/{orderId}"])
        #expect(operations.filter(\.looksAdministrative).map(\.label) == ["GET /admin/users"])
    }

    @Test("administrative operations are told by path, operation id, tag, summary or a required scope")
    func administrative() async throws {
        let document = #"""
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
             "security": [{"oauth": ["orders:read"]}],
             "paths": {
               "/reports": {"get": {"summary": "Staff only: monthly figures", "responses": {"200": {"description": "ok"}}}},
               "/jobs": {"post": {"tags": ["Internal"], "responses": {"200": {"description": "ok"}}}},
               "/users/{id}": {"delete": {"security": [{"oauth": ["users:admin"]}], "responses": {"204": {"description": "ok"}}}},
               "/orders": {"get": {"summary": "The caller's orders", "responses": {"200": {"description": "ok"}}}}}}
            """#
        let operations = try await Self.inventory(document).operations
        #expect(
            Set(operations.filter(\.looksAdministrative).map(\.label))
                == ["GET /reports", "POST /jobs", "DELETE /users/{id}"])
        #expect(operations.first { $0.label == "GET /orders" }?.scopes == ["orders:read"], "the global requirement's")
        #expect(operations.first { $0.label == "DELETE /users/{id}" }?.scopes == ["users:admin"])
    }

    @Test("a path parameter without a value gets its type's stand-in, and a value at hand replaces it")
    func concretePath() async throws {
        let get = try #require(
            try await Self.inventory(Self.document).operations.first { $0.label == "GET /orders/{orderId}" })
        #expect(!get.concretePath().contains("{"))
        #expect(get.concretePath(values: ["orderId": "42"]).hasPrefix("/orders/42"))
    }

    @Test("a broken operation is skipped and named; the rest imports")
    func brokenPart() async throws {
        let inventory = try await Self.inventory(
            """
            openapi: 3.1.0
            info: {title: T, version: "1"}
            paths:
              /ok: {get: {responses: {"200": {description: ok}}}}
              /broken:
                get:
                  parameters: {not: a list}
                post:
                  parameters: [{$ref: "#/components/parameters/Missing"}]
            """)
        #expect(inventory.operations.contains { $0.label == "GET /ok" })
        #expect(!inventory.issues.isEmpty)
        #expect(inventory.issues.allSatisfy { $0.location.contains("/paths/~1broken") }, "\(inventory.issues)")
    }

    @Test("a document without openapi or swagger is not OpenAPI")
    func notOpenAPI() async {
        await #expect(
            throws: OpenAPIImportError.notOpenAPI("/specs/api.yaml", "no `openapi: 3.x` or `swagger: \"2.0\"` field")
        ) {
            try await Self.inventory("info: {title: T}\n")
        }
        await #expect(throws: OpenAPIImportError.notOpenAPI("/specs/api.yaml", "the top level is not an object")) {
            try await Self.inventory("- a\n- b\n")
        }
    }
}
