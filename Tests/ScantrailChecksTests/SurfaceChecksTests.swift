import HTTPTypes
import Hummingbird
import ScantrailCore
import ScantrailDemo
import ScantrailOpenAPI
import Testing

@testable import ScantrailChecks

@Suite("Headers, cookies, CORS, errors and methods judged on every documented operation, not only /")
struct SurfaceChecksTests {
    /// The outcomes of the answer-judging checks over the catalogue's description, as cleo.
    static func outcomes(_ router: Router<BasicRequestContext>) async throws -> [String: [Outcome]] {
        let api = APIUnderTest(inventory: try await CatalogueAPI.description(), identities: [CatalogueAPI.identity])
        let scope = SurfaceScope.described(api)
        let checks: [any SecurityCheck] = [
            SecurityHeadersCheck(scope), CookieCheck(scope), CORSCheck(scope), VerboseErrorCheck(scope),
            HTTPMethodsCheck(scope), VersionDisclosureCheck(scope),
        ]
        var outcomes: [String: [Outcome]] = [:]
        for check in checks {
            outcomes[type(of: check).metadata.id] = try await CheckHarness.outcomes(of: check, servedBy: router)
        }
        return outcomes
    }

    static func failed(_ outcomes: [Outcome]?) -> [String] {
        (outcomes ?? []).filter { $0.status == .failed }.map { "\($0.ruleID) \($0.location.display)" }.sorted()
    }

    @Test("headers missing on every operation are one finding for the host, while the landing page at / passes")
    func hostWideHeaders() async throws {
        let outcomes = try await Self.outcomes(try CatalogueAPI.router(.flawed))
        let headers = try #require(outcomes["headers.security"])
        let nosniff = headers.filter { $0.ruleID == "headers.x-content-type-options-missing" }
        let folded = try #require(nosniff.first { $0.status == .failed })
        #expect(folded.location.path == "/*" && folded.location.method == nil)
        #expect(nosniff.filter { $0.status == .failed }.count == 1, "one finding, not one per operation")
        let places = Set((folded.places ?? []).map { "\($0.method ?? "") \($0.path)" })
        #expect(places.isSuperset(of: ["GET /products", "GET /partner/feed", "GET /session", "GET /me"]))
        #expect(nosniff.first { $0.location.path == "/" }?.status == .passed, "the landing page has its headers")
    }

    @Test(
        "CORS granted on one operation and a cookie set by another are findings there; an error every operation leaks is the host's"
    )
    func perOperation() async throws {
        let outcomes = try await Self.outcomes(try CatalogueAPI.router(.flawed))
        let cors = Self.failed(outcomes["cors.policy"])
        #expect(!cors.isEmpty)
        let reflected = cors.filter { !$0.hasPrefix("cors.wildcard-on-private-data") }
        #expect(
            reflected.allSatisfy { $0.contains("GET http://127.0.0.1:") && $0.contains("/partner/feed [") }, "\(cors)")
        // A wildcard on the signed-in profile is a finding there; the public landing page's answers pass.
        let wildcards = cors.filter { $0.hasPrefix("cors.wildcard-on-private-data") }
        #expect(wildcards.count == 1 && wildcards[0].hasSuffix("/me"), "\(wildcards)")
        #expect(cors.contains { $0.hasPrefix("cors.origin-reflected-with-credentials") })
        let cookies = Self.failed(outcomes["headers.cookies"])
        #expect(cookies.count == 2, "\(cookies)")
        #expect(cookies.allSatisfy { $0.hasSuffix("/session [catalogue_session]") }, "\(cookies)")
        // Every operation with parameters leaks SQLite's message: the server's error handling, once.
        let leaks = (outcomes["errors.verbose"] ?? []).filter { $0.status == .failed }
        #expect(leaks.map(\.ruleID) == ["errors.sql-error"])
        #expect(leaks.first?.location.path == "/*")
        #expect(
            Set((leaks.first?.places ?? []).map(\.path)) == ["/products", "/products/{sku}", "/reviews"])
    }

    @Test("a version banner on one route only is a finding at that operation; the others and / pass")
    func versionOnOneRoute() async throws {
        let outcomes = try await Self.outcomes(try CatalogueAPI.router(.flawed))
        let banners = Self.failed(outcomes["headers.version-disclosure"])
        #expect(banners.count == 1 && banners[0].hasSuffix("/partner/feed [X-Powered-By]"), "\(banners)")
        let base = outcomes["headers.version-disclosure"]?.filter { $0.location.path == "/" } ?? []
        #expect(!base.isEmpty && base.allSatisfy { $0.status == .passed })
    }

    @Test("the coverage reads off the outcomes: every documented GET was judged for headers, as whom it says")
    func coverage() async throws {
        let outcomes = try await Self.outcomes(try CatalogueAPI.router(.hardened))
        let headers = try #require(outcomes["headers.security"])
        let judged = Set(
            headers.filter { $0.location.method != nil }.map { "\($0.location.method!) \($0.location.path)" })
        let gets = try await CatalogueAPI.description().operations.filter { !$0.isUnsafe }.map(\.label)
        #expect(judged.isSuperset(of: gets))
        #expect(headers.contains { $0.location.path == "/me" && $0.detail.hasPrefix("as cleo: ") })
    }

    @Test("the hardened twin gives zero findings on every operation")
    func hardened() async throws {
        let outcomes = try await Self.outcomes(try CatalogueAPI.router(.hardened))
        for (check, judged) in outcomes {
            #expect(Self.failed(judged).isEmpty, "\(check): \(Self.failed(judged))")
        }
    }

    @Test("a hardened catch-all page whose words are the API's paths gives zero findings")
    func catchAll() async throws {
        let page = "<html><head><title>Catalogue</title></head><body>products session partner feed me</body></html>"
        var headers = DemoAPI.responseHeaders(.hardened)
        headers[HTTPField.Name("Permissions-Policy")!] = "camera=(), geolocation=()"
        let router = CheckHarness.catchAll(page, mediaType: "text/html; charset=utf-8", headers: headers)
        let outcomes = try await Self.outcomes(router)
        for (check, judged) in outcomes {
            #expect(Self.failed(judged).isEmpty, "\(check): \(Self.failed(judged))")
        }
    }
}
