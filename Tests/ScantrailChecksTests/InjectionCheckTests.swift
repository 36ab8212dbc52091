import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import ScantrailOpenAPI
import Testing

@Suite("SQL errors provoked per documented parameter, against a real SQLite catalogue and its hardened twin")
struct InjectionCheckTests {
    static func outcomes(_ router: Router<BasicRequestContext>, active: Bool = true) async throws -> [Outcome] {
        let api = APIUnderTest(inventory: try await CatalogueAPI.description(), identities: [])
        return try await CheckHarness.outcomes(
            of: InjectionCheck(api: api), servedBy: router, configuration: ScanConfiguration(active: active))
    }

    @Test("each parameter pasted into SQL is found, by name, in path, query and JSON body; reads are confirmed")
    func flawed() async throws {
        let outcomes = try await Self.outcomes(try CatalogueAPI.router(.flawed))
        let failed = outcomes.filter { $0.status == .failed }
        #expect(
            Set(failed.map { "\($0.location.method ?? "") \($0.location.path) [\($0.location.discriminator ?? "")]" })
                == [
                    "GET /products [query category]", "GET /products/{sku} [path sku]",
                    "GET /reviews [query minRating]", "POST /search [body limit]", "POST /search [body term]",
                ])
        let category = try #require(failed.first { $0.location.discriminator == "query category" })
        #expect(category.detail.hasPrefix("quote: 500"), "\(category.detail)")
        #expect(category.detail.contains("SQLite error"), "\(category.detail)")
        #expect(
            category.detail.hasSuffix("confirmed: a true condition answered like the usual value, a false one did not"))
        let rating = try #require(failed.first { $0.location.discriminator == "query minRating" })
        #expect(rating.detail.contains("confirmed"), "a numeric context is confirmed with AND 1=1 / AND 1=2")
        let limit = try #require(failed.first { $0.location.discriminator == "body limit" })
        #expect(!limit.detail.contains("confirmed"), "conditions are never sent to a write")
    }

    @Test("the hardened twin binds every value: every parameter passes")
    func hardened() async throws {
        let outcomes = try await Self.outcomes(try CatalogueAPI.router(.hardened))
        let judged = outcomes.filter { $0.location.discriminator != nil }
        #expect(judged.count == 11 && judged.allSatisfy { $0.status == .passed }, "\(judged.map(\.detail))")
    }

    @Test("passive mode leaves writes inconclusive; a catch-all page naming the paths gives no finding")
    func passiveAndCatchAll() async throws {
        let passive = try await Self.outcomes(try CatalogueAPI.router(.flawed), active: false)
        let search = try #require(passive.first { $0.location.path == "/search" })
        #expect(search.status == .inconclusive && search.detail.contains("passive mode"))
        let page = "<!doctype html><title>Products</title><nav>Products · Reviews · Search · Login</nav>"
        let catchAll = try await Self.outcomes(CheckHarness.catchAll(page, mediaType: "text/html"))
        #expect(catchAll.failures.isEmpty && catchAll.contains { $0.status == .passed })
    }
}
