import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import Testing

@Suite("Authentication on every documented operation, against a flawed API and its hardened twin")
struct AuthenticationCheckTests {
    @Test("each planted authentication flaw is found, and nothing else")
    func flawed() async throws {
        let outcomes = try await AccountsHarness.outcomes(.flawed) { AuthenticationCheck(api: $0) }
        #expect(
            outcomes.failures == [
                "auth.unauthenticated-access @ GET /reports",
                "auth.invalid-token-accepted @ GET /reports", "auth.invalid-token-accepted @ GET /invoices",
                "auth.jwt-signature-not-verified @ GET /reports", "auth.jwt-signature-not-verified @ GET /invoices",
                "auth.jwt-none-accepted @ GET /reports", "auth.jwt-none-accepted @ GET /invoices",
                "auth.jwt-none-accepted @ GET /profile",
                "auth.jwt-expired-accepted @ GET /reports", "auth.jwt-expired-accepted @ GET /invoices",
                "auth.public-data-exposure @ GET /directory",
            ])
        let login = outcomes.filter { $0.location.path == "/login" }
        #expect(!login.isEmpty && login.allSatisfy { $0.status == .inconclusive && $0.detail.contains("passive mode") })
    }

    @Test("the hardened twin gives no finding; an expired token cannot be forged without its key")
    func hardened() async throws {
        let outcomes = try await AccountsHarness.outcomes(.hardened) { AuthenticationCheck(api: $0) }
        #expect(outcomes.failures.isEmpty)
        let expired = outcomes.filter { $0.ruleID == "auth.jwt-expired-accepted" && $0.location.path == "/me" }
        #expect(expired.first?.status == .inconclusive)
        #expect(expired.first?.detail.contains("key, not among the") == true)
        let anonymous = try #require(
            outcomes.first { $0.ruleID == "auth.unauthenticated-access" && $0.location.path == "/me" })
        #expect(anonymous.status == .passed && anonymous.detail.hasPrefix("anonymous: 401"))
        let order = try #require(
            outcomes.first { $0.ruleID == "auth.unauthenticated-access" && $0.location.path == "/orders/{orderId}" })
        #expect(order.status == .passed, "an order id harvested from GET /orders: \(order.detail)")
    }

    @Test("a server that answers every path with the same page gives no authentication, BFLA or rate-limit finding")
    func catchAll() async throws {
        let router = CheckHarness.catchAll(#"{"app":"storefront","build":"4.2.0"}"#, mediaType: "application/json")
        let api = try await AccountsHarness.api(.flawed)
        let outcomes = try await CheckHarness.outcomes(of: AuthenticationCheck(api: api), servedBy: router)
        #expect(outcomes.failures.isEmpty)
        let authorization = try await CheckHarness.outcomes(of: AuthorizationCheck(api: api), servedBy: router)
        #expect(authorization.failures.isEmpty, "an admin page everyone gets alike is not BFLA here")
        var active = ScanConfiguration(active: true)
        active.limits.requestBudget = 5000
        let bursts = try await CheckHarness.outcomes(
            of: RateLimitCheck(api: api), servedBy: router, configuration: active)
        #expect(bursts.failures.isEmpty, "a login that is only the catch-all page has nothing to rate-limit")
        let me = try #require(
            outcomes.first { $0.ruleID == "auth.unauthenticated-access" && $0.location.path == "/me" })
        #expect(me.status == .inconclusive && me.detail.contains("catch-all page"), "\(me.detail)")
    }

    @Test(
        "a single-page app's catch-all page naming the API's own paths (Orders, Invoices, me in <meta>) is no finding")
    func catchAllNamingPaths() async throws {
        let page = """
            <!doctype html><html><head><meta charset="utf-8"><title>Orders</title></head>
            <body><nav>Invoices · Reports · Profile · Directory · Login</nav><div id="app"></div></body></html>
            """
        let router = CheckHarness.catchAll(page, mediaType: "text/html; charset=utf-8")
        let api = try await AccountsHarness.api(.flawed)
        let outcomes = try await CheckHarness.outcomes(of: AuthenticationCheck(api: api), servedBy: router)
        #expect(outcomes.failures.isEmpty, "\(outcomes.failures)")
        let authorization = try await CheckHarness.outcomes(of: AuthorizationCheck(api: api), servedBy: router)
        #expect(authorization.failures.isEmpty, "\(authorization.failures)")
        let inventory = try await CheckHarness.outcomes(of: InventoryCheck(api: api), servedBy: router)
        #expect(inventory.failures.filter { $0.hasPrefix("inventory.undocumented") }.isEmpty, "\(inventory.failures)")
    }
}
