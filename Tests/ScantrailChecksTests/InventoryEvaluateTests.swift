import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("Inventory drift judged on hand-built probes")
struct InventoryEvaluateTests {
    typealias Probe = InventoryCheck.Probe

    static func probe(
        _ path: String, _ status: Int?, softNotFound: Bool = false, relation: InventoryCheck.Relation? = nil
    ) -> Probe {
        let exchange =
            status.map { HandBuilt.exchange(status: $0) }
            ?? HandBuilt.exchange(failure: HandBuilt.reset)
        return Probe(
            path: path, record: ExchangeRecord(exchange, sentAs: "alice", secrets: []), softNotFound: softNotFound,
            relation: relation)
    }

    static func outcomes(documented: [Probe], siblings: [Probe]) -> [Outcome] {
        InventoryCheck(api: HandBuilt.emptyAPI)
            .evaluate(.init(origin: HandBuilt.origin, documented: documented, siblings: siblings))
    }

    @Test("a documented operation that is gone, or answers with the catch-all page, fails; one that answers passes")
    func documented() {
        let outcomes = Self.outcomes(
            documented: [
                Self.probe("GET /v2/stats", 404), Self.probe("GET /v2/items", 200),
                Self.probe("GET /v2/old", 200, softNotFound: true), Self.probe("GET /v2/secure", 401),
                Self.probe("GET /v2/flaky", nil),
            ], siblings: [])
        let byPath = Dictionary(
            uniqueKeysWithValues: outcomes.filter { $0.ruleID == "inventory.documented-missing" }
                .map { ($0.location.path, $0.status) })
        #expect(
            byPath == [
                "/v2/stats": .failed, "/v2/items": .passed, "/v2/old": .failed, "/v2/secure": .passed,
                "/v2/flaky": .inconclusive,
            ])
    }

    @Test("each undocumented sibling is judged at its own path, so a finding there can close")
    func siblings() {
        let outcomes = Self.outcomes(
            documented: [],
            siblings: [
                Self.probe("/v1/items", 200), Self.probe("/internal/v2/items", 403), Self.probe("/admin/v2/items", 404),
                Self.probe("/debug/v2/items", 200, softNotFound: true), Self.probe("/v3/items", nil),
            ])
        #expect(outcomes.status(of: "inventory.undocumented-endpoint") == .failed)
        let byPath = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.location.path, $0.status) })
        #expect(
            byPath == [
                "/v1/items": .failed, "/internal/v2/items": .failed, "/admin/v2/items": .passed,
                "/debug/v2/items": .passed, "/v3/items": .inconclusive,
            ])
    }

    @Test(
        "an older version that answers is inventory.old-version; a newer one, a twin or a common path is undocumented")
    func olderVersion() {
        let outcomes = Self.outcomes(
            documented: [],
            siblings: [
                Self.probe("/v1/items", 200, relation: .olderVersion),
                Self.probe("/v3/items", 200, relation: .newerVersion),
                Self.probe("/v0/items", 404, relation: .olderVersion), Self.probe("/debug/env", 200, relation: .common),
            ])
        let byPath = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.location.path, "\($0.ruleID) \($0.status)") })
        #expect(
            byPath == [
                "/v1/items": "inventory.old-version failed", "/v3/items": "inventory.undocumented-endpoint failed",
                "/v0/items": "inventory.old-version passed", "/debug/env": "inventory.undocumented-endpoint failed",
            ])
    }

    @Test("siblings: neighbouring versions and beta, twins, plural or singular, common paths under each version")
    func siblingPaths() {
        let operations = [
            HandBuilt.operation("GET", "/v2/users"), HandBuilt.operation("GET", "/v2/users/{id}"),
            HandBuilt.operation("GET", "/v2/category"), HandBuilt.operation("GET", "/v1/users"),
        ]
        let siblings = Dictionary(
            InventoryCheck.siblings(of: operations).map { ($0.path, $0.relation) },
            uniquingKeysWith: { first, _ in first })
        #expect(siblings["/v1/category"] == .olderVersion)
        #expect(siblings["/v3/users"] == .newerVersion && siblings["/beta/users"] == .newerVersion)
        #expect(siblings["/internal/v2/users"] == .twin && siblings["/v2/user"] == .twin)
        #expect(siblings["/v2/categories"] == .twin)
        #expect(siblings["/debug/env"] == .common && siblings["/v2/debug/env"] == .common)
        #expect(siblings["/v1/users"] == nil, "documented")
        #expect(siblings.keys.allSatisfy { !$0.contains("{") }, "only paths without parameters")
        #expect(siblings["/v0/users"] == nil && siblings["/v2/health"] == nil)
    }

    @Test("plural and singular of plain words")
    func inflection() {
        #expect(InventoryCheck.inflected("users") == "user" && InventoryCheck.inflected("user") == "users")
        #expect(
            InventoryCheck.inflected("categories") == "category" && InventoryCheck.inflected("category") == "categories"
        )
        #expect(InventoryCheck.inflected("addresses".dropLast(2).description) == "addresses")
        #expect(InventoryCheck.inflected("status") == "statuses" && InventoryCheck.inflected("day") == "days")
        #expect(InventoryCheck.inflected("v2") == nil && InventoryCheck.inflected("Users") == nil)
    }

    @Test("without siblings to try there is nothing to judge")
    func noSiblings() {
        #expect(Self.outcomes(documented: [], siblings: []).map(\.status) == [.notApplicable])
    }
}
