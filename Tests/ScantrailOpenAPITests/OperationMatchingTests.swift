import ScantrailCore
import Testing

@testable import ScantrailOpenAPI

@Suite("Which documented operation a request answers")
struct OperationMatchingTests {
    static func operation(_ method: String, _ path: String) -> APIOperation {
        APIOperation(
            method: method, path: path, operationID: nil, summary: nil, tags: [], parameters: [], requestBody: nil,
            security: [])
    }

    static let inventory = APIInventory(
        specification: "OpenAPI 3.0.3", title: "orders", version: "1", servers: [], securitySchemes: [:],
        operations: [
            operation("GET", "/orders"), operation("GET", "/orders/{orderId}"), operation("GET", "/orders/export"),
            operation("PUT", "/orders/{orderId}"), operation("GET", "/users/{userId}/orders"),
        ], issues: [])

    @Test("a parameter segment matches any value; the method must be the same")
    func parameters() {
        #expect(Self.inventory.operation(method: "GET", path: "/orders/o-17")?.path == "/orders/{orderId}")
        #expect(Self.inventory.operation(method: "PUT", path: "/orders/o-17")?.method == "PUT")
        #expect(
            Self.inventory.operation(method: "GET", path: "/users/u-alice/orders")?.path == "/users/{userId}/orders")
        #expect(Self.inventory.operation(method: "DELETE", path: "/orders/o-17") == nil)
    }

    @Test("a literal segment beats a parameter; other lengths and words do not match")
    func literals() {
        #expect(Self.inventory.operation(method: "GET", path: "/orders/export")?.path == "/orders/export")
        #expect(Self.inventory.operation(method: "GET", path: "/orders/")?.path == "/orders")
        #expect(Self.inventory.operation(method: "GET", path: "/orders/o-17/lines") == nil)
        #expect(Self.inventory.operation(method: "GET", path: "/invoices/1") == nil)
    }
}
