import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("Inventory drift judged on hand-built probes")
struct InventoryEvaluateTests {
    typealias Probe = InventoryCheck.Probe

    static func probe(_ path: String, _ status: Int?, softNotFound: Bool = false) -> Probe {
        let exchange =
            status.map { HandBuilt.exchange(status: $0) }
            ?? HandBuilt.exchange(failure: HandBuilt.reset)
        return Probe(
            path: path, record: ExchangeRecord(exchange, sentAs: "alice", secrets: []), softNotFound: softNotFound)
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

    @Test("without siblings to try there is nothing to judge")
    func noSiblings() {
        #expect(Self.outcomes(documented: [], siblings: []).map(\.status) == [.notApplicable])
    }
}
