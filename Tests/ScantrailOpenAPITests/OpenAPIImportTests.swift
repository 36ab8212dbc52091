import Foundation
import ScantrailCore
import Testing

@testable import ScantrailOpenAPI

/// Real-world-shaped descriptions, written for these tests, imported from files.
@Suite("OpenAPI 3.0, 3.1 and Swagger 2.0 descriptions import into one inventory")
struct OpenAPIImportTests {
    func document(_ name: String) throws -> String {
        try #require(Bundle.module.path(forResource: name, ofType: nil, inDirectory: "Documents"))
    }

    func operation(_ inventory: APIInventory, _ label: String) throws -> APIOperation {
        try #require(inventory.operations.first { $0.label == label }, "\(label) not imported")
    }

    @Test("OpenAPI 3.0 YAML: anchors, $refs into a sibling file and back, cycles, servers and security")
    func openAPI30() async throws {
        let inventory = try await OpenAPIImporter.importFile(document("shop-3.0.yaml"))
        #expect(inventory.specification == "OpenAPI 3.0.3")
        #expect(inventory.title == "Shop API" && inventory.version == "2.4.0")
        #expect(inventory.servers == ["https://eu.shop.example.test/v2", "/v2"])
        #expect(inventory.issues.isEmpty, "\(inventory.issues)")
        #expect(
            Set(inventory.operations.map(\.label)) == [
                "GET /health", "GET /products", "POST /products", "GET /products/{productId}",
                "DELETE /products/{productId}", "GET /categories/{categoryId}/children",
            ])
        #expect(
            inventory.securitySchemes["bearer"]
                == APISecurityScheme(type: "http", scheme: "bearer", name: nil, location: nil))
        #expect(inventory.securitySchemes["apiKey"]?.name == "X-API-Key")

        let health = try operation(inventory, "GET /health")
        #expect(health.security.isEmpty && !health.isSecured)
        let list = try operation(inventory, "GET /products")
        #expect(list.security == [["bearer"]] && list.isSecured)
        #expect(list.parameters.map(\.name) == ["page", "size"], "the YAML anchor is expanded")
        #expect(list.parameters.first?.example == .number(1))
        let create = try operation(inventory, "POST /products")
        #expect(create.security == [["apiKey", "bearer"]])
        let body = try #require(create.requestBody)
        #expect(body.mediaType == "application/json")
        #expect(body.example?["name"] == .string("Desk lamp"))
        let get = try operation(inventory, "GET /products/{productId}")
        let productID = try #require(get.parameters.first)
        #expect(productID.name == "productId" && productID.location == .path && productID.required)
        #expect(productID.type == "integer" && productID.format == "int64" && productID.example == .number(1042))
        let children = try operation(inventory, "GET /categories/{categoryId}/children")
        #expect(
            children.security == [[], ["bearer"]] && !children.isSecured, "an empty alternative makes auth optional")
        #expect(children.parameters.first?.format == "uuid")
    }

    @Test("OpenAPI 3.1 JSON: examples maps, type lists, header parameters, any media type, OAuth2")
    func openAPI31() async throws {
        let inventory = try await OpenAPIImporter.importFile(document("ledger-3.1.json"))
        #expect(inventory.specification == "OpenAPI 3.1.0")
        #expect(inventory.issues.isEmpty, "\(inventory.issues)")
        #expect(inventory.securitySchemes["oauth"]?.type == "oauth2")
        let entries = try operation(inventory, "GET /accounts/{accountId}/entries")
        #expect(entries.parameters.map(\.name) == ["accountId", "since", "X-Request-Id", "status"])
        #expect(entries.parameters[0].example == .string("acc_7f3a"))
        #expect(entries.parameters[1].type == "string" && entries.parameters[1].format == "date")
        #expect(entries.parameters[2].location == .header)
        #expect(
            entries.parameters[3].enumValues == [.string("posted"), .string("pending")]
                && entries.parameters[3].required)
        #expect(entries.security == [["oauth"]])
        let rename = try operation(inventory, "PATCH /accounts/{accountId}")
        #expect(rename.requestBody?.mediaType == "application/merge-patch+json")
        #expect(rename.isUnsafe)
    }

    @Test("Swagger 2.0: host, basePath and schemes; basic and query API keys; body parameters")
    func swagger20() async throws {
        let inventory = try await OpenAPIImporter.importFile(document("legacy-2.0.json"))
        #expect(inventory.specification == "Swagger 2.0")
        #expect(inventory.servers == ["https://orders.example.test:8443/api"])
        #expect(
            inventory.securitySchemes["basicAuth"]
                == APISecurityScheme(type: "http", scheme: "basic", name: nil, location: nil))
        #expect(
            inventory.securitySchemes["token"]
                == APISecurityScheme(type: "apiKey", scheme: nil, name: "token", location: "query"))
        let get = try operation(inventory, "GET /orders/{orderId}")
        #expect(get.security == [["basicAuth"]])
        #expect(get.parameters.first?.format == "uuid")
        let put = try operation(inventory, "PUT /orders/{orderId}")
        #expect(put.security == [["token"]])
        #expect(put.requestBody?.example?["quantity"] == .number(1))
        let status = try operation(inventory, "GET /status")
        #expect(!status.isSecured)
        #expect(status.parameters.first?.example == .bool(true))
    }

    @Test("a partly broken document imports what it can and names each skipped part's location")
    func partlyBroken() async throws {
        let inventory = try await OpenAPIImporter.importFile(document("partly-broken.yaml"))
        #expect(Set(inventory.operations.map(\.label)) == ["GET /fine", "GET /bad-parameter"])
        let parameters = try operation(inventory, "GET /bad-parameter").parameters
        #expect(parameters.map(\.name) == ["q"])
        let issues = Dictionary(
            inventory.issues.map { ($0.location, $0.message) }, uniquingKeysWith: { $0 + "; " + $1 })
        #expect(issues["#/paths/~1bad-parameter/get/parameters/0"] == "a parameter needs a name and an `in`")
        #expect(issues["#/paths/~1bad-parameter/get/parameters/1"]?.contains("points at nothing") == true)
        #expect(issues["#/paths/~1loop"]?.contains("loops back on itself") == true)
        #expect(issues["#/paths/no-slash"] == "a path must start with /")
        #expect(issues["#/paths/~1not-an-operation/get"] == "an operation must be an object")
        #expect(inventory.issues.count == 5)
    }

    @Test("an unreadable document fails with the line where YAML or JSON stopped; a non-OpenAPI one says so")
    func unusable() async throws {
        let broken = try document("broken.yaml")
        await #expect {
            try await OpenAPIImporter.importFile(broken)
        } throws: { error in
            "\(error)".contains("broken.yaml") && "\(error)".contains("line 7")
        }
        await #expect {
            try await OpenAPIImporter.importDocument(
                Data("{\n  \"openapi\": \"3.0.0\",\n  \"paths\": {\"/a\": {\"get\": }}\n}".utf8), source: "b.json"
            ) { _ in Data() }
        } throws: { error in
            "\(error)".hasPrefix("b.json: invalid JSON: line 3, column ")
        }
        await #expect(throws: OpenAPIImportError.unreadable("/nonexistent.yaml", "cannot read the file")) {
            try await OpenAPIImporter.importFile("/nonexistent.yaml")
        }
        await #expect {
            try await OpenAPIImporter.importDocument(Data("{\"name\": \"x\"}".utf8), source: "x.json") { _ in Data() }
        } throws: { error in
            "\(error)" == "x.json is not an OpenAPI or Swagger document: no `openapi: 3.x` or `swagger: \"2.0\"` field"
        }
    }
}
