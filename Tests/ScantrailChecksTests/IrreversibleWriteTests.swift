import Hummingbird
import ScantrailCore
import ScantrailDemo
import Synchronization
import Testing

@testable import ScantrailChecks
@testable import ScantrailOpenAPI

@Suite("A peer's write that cannot be undone is never sent, even with --active")
struct IrreversibleWriteTests {
    /// The methods of the writes the accounts API received on an order, besides its own routes.
    final class Received: Sendable {
        let methods = Mutex<[String]>([])
    }

    @Test(
        "a DELETE and a POST on alice's order are named untried (they cannot be written back) and never reach the server"
    )
    func deleteAndPost() async throws {
        let api = try await AccountsHarness.api(.flawed)
        let read = try #require(api.inventory.operations.first { $0.label == "GET /orders/{orderId}" })
        let irreversible = ["DELETE", "POST"].map { method in
            APIOperation(
                method: method, path: read.path, operationID: nil, summary: nil, tags: [], parameters: read.parameters,
                requestBody: nil, security: read.security)
        }
        let inventory = api.inventory
        let described = APIUnderTest(
            inventory: APIInventory(
                specification: inventory.specification, title: inventory.title, version: inventory.version,
                servers: inventory.servers, securitySchemes: inventory.securitySchemes,
                operations: inventory.operations + irreversible, issues: inventory.issues),
            identities: api.identities)
        let received = Received()
        let router = AccountsAPI.router(.flawed)
        for method in [HTTPRequest.Method.delete, .post] {
            router.on("/orders/:orderId", method: method) { request, _ in
                received.methods.withLock { $0.append(request.method.rawValue) }
                return Response(status: .noContent)
            }
        }
        var configuration = ScanConfiguration(active: true)
        configuration.limits.requestBudget = 5000
        let outcomes = try await CheckHarness.outcomes(
            of: AuthorizationCheck(api: described), servedBy: router, configuration: configuration)
        #expect(received.methods.withLock { $0 } == [], "nothing irreversible was sent")
        for method in ["DELETE", "POST"] {
            let untried = try #require(
                outcomes.first { $0.ruleID == "authz.bola" && $0.location.method == method }, "\(method)")
            #expect(untried.status == .inconclusive)
            #expect(
                untried.detail.contains("a \(method) cannot be undone by writing a value back"), "\(untried.detail)")
        }
        #expect(outcomes.contains { $0.ruleID == "authz.bola" && $0.location.method == "PUT" && $0.status == .failed })
    }
}
