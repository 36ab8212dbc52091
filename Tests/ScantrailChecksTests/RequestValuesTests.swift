import Foundation
import ScantrailCore
import Testing

@testable import ScantrailChecks
@testable import ScantrailOpenAPI

@Suite("Request values: one builder fills every check's path parameters, per identity")
struct RequestValuesTests {
    static let alice = Identity(name: "alice", role: "user", credential: .header(name: "X-Key", value: "alice-key"))
    static let bob = Identity(name: "bob", role: "user", credential: .header(name: "X-Key", value: "bob-key"))

    static func operation(_ path: String, example: JSONValue? = nil) -> APIOperation {
        let names = path.split(separator: "{").dropFirst().map { String($0.prefix { $0 != "}" }) }
        return APIOperation(
            method: "GET", path: path, operationID: nil, summary: nil, tags: [],
            parameters: names.map {
                APIParameter(
                    name: $0, location: .path, required: true, type: "string", format: nil, enumValues: [],
                    example: example)
            }, requestBody: nil, security: [["bearer"]])
    }

    static func answer(_ path: String, as name: String, status: Int = 200, _ body: String) -> SurfaceAnswer {
        SurfaceAnswer(
            location: Location(origin: HandBuilt.origin, method: "GET", path: path), sentAs: name,
            exchange: HandBuilt.exchange(status: status, body: body))
    }

    /// The first round of a walk: each user's profile and invoices, and a public directory.
    static let book = RequestValues(
        answers: [
            answer("/me", as: "alice", #"{"id":"u-alice","email":"alice@example.test"}"#),
            answer("/me", as: "bob", #"{"id":"u-bob"}"#),
            answer("/invoices", as: "alice", #"{"invoices":[{"number":"INV-A1"}]}"#),
            answer("/invoices", as: "bob", #"{"invoices":[{"number":"INV-B7"}]}"#),
            answer("/directory", as: "anonymous", #"[{"userId":"u-carol"},{"userId":"u-alice"}]"#),
            answer("/reports", as: "bob", status: 403, #"{"number":"ERR-1"}"#),
        ], identities: [alice, bob])

    @Test("a list answer feeds its detail operation with the caller's own value first")
    func ownAnswersFirst() {
        let detail = Self.operation("/invoices/{number}")
        #expect(Self.book.values(for: detail, as: Self.alice) == ["number": "INV-A1"])
        #expect(Self.book.values(for: detail, as: Self.bob) == ["number": "INV-B7"])
        // Anonymous has no invoices of its own: anyone's (sorted) stands in.
        #expect(Self.book.values(for: detail, as: nil) == ["number": "INV-A1"])
    }

    @Test("a parameter naming a user is the caller's own id, even when a directory lists others")
    func ownIdentifiers() {
        let orders = Self.operation("/users/{userId}/orders")
        #expect(Self.book.values(for: orders, as: Self.alice) == ["userId": "u-alice"])
        #expect(Self.book.values(for: orders, as: Self.bob) == ["userId": "u-bob"])
        #expect(Self.book.values(for: orders, as: nil) == ["userId": "u-alice"])
    }

    @Test("refused answers feed nothing; documented examples are left to the document")
    func refusedAndDocumented() {
        let report = Self.operation("/reports/{number}")
        #expect(Self.book.values(for: report, as: Self.bob) == ["number": "INV-B7"])
        let documented = Self.operation("/items/{sku}", example: .string("LAMP-01"))
        #expect(Self.book.values(for: documented, as: Self.alice).isEmpty)
        #expect(Self.book.fills(documented, as: Self.alice))
        #expect(!Self.book.fills(Self.operation("/shipments/{trackingCode}"), as: Self.alice))
        #expect(Self.book.fills(Self.operation("/invoices/{number}"), as: Self.alice))
    }

    @Test("a write is never aimed at a real object: it keeps the document's sample path")
    func writesKeepSamples() {
        let get = Self.operation("/invoices/{number}")
        let put = APIOperation(
            method: "PUT", path: get.path, operationID: nil, summary: nil, tags: [], parameters: get.parameters,
            requestBody: nil, security: get.security)
        #expect(Self.book.values(for: put, as: Self.alice).isEmpty)
        #expect(!Self.book.fills(put, as: Self.alice))
    }

    @Test("an operation's first-round answer is looked up by method, path and caller")
    func bodies() {
        let me = Self.operation("/me")
        #expect(Self.book.body(of: me, as: Self.bob)?["id"]?.text == "u-bob")
        #expect(Self.book.body(of: Self.operation("/directory"), as: Self.bob) == nil)
    }
}

@Suite("Request values on a live API: checks reach the same real objects")
struct RequestValuesLiveTests {
    @Test("injection probes an order id harvested from the caller's own order list, not the type's sample")
    func injectionUsesHarvestedIDs() async throws {
        let outcomes = try await AccountsHarness.outcomes(.hardened) { InjectionCheck(api: $0) }
        let order = try #require(
            outcomes.first { $0.location.path == "/orders/{orderId}" && $0.location.discriminator == "path orderId" })
        #expect(order.status == .passed && order.detail.contains("usual value: 200"), "\(order.detail)")
        let userOrders = try #require(outcomes.first { $0.location.path == "/users/{userId}/orders" })
        #expect(userOrders.detail.contains("usual value: 200"), "the caller's own id: \(userOrders.detail)")
    }
}
