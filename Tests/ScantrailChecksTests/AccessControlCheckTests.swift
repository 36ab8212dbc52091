import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import Testing

@Suite("Tokens, authorization, rate limits and inventory drift, against a flawed API and its hardened twin")
struct AccessControlCheckTests {
    @Test("every OpenAPI-driven check, in active mode, finds nothing on the hardened twin")
    func hardenedTwin() async throws {
        let api = try await AccountsHarness.api(.hardened)
        var configuration = ScanConfiguration(active: true)
        configuration.limits.requestBudget = 5000
        for check in CheckRegistry.apiChecks(api) {
            let outcomes = try await CheckHarness.outcomes(
                of: check, servedBy: AccountsAPI.router(.hardened), configuration: configuration)
            #expect(outcomes.failures.isEmpty, "\(type(of: check).metadata.id)")
            if check is LogoutCheck {
                #expect(outcomes.map(\.status) == [.notApplicable], "the accounts API documents no logout")
            } else if check is SSRFCheck {
                #expect(outcomes.allSatisfy { $0.status == .notApplicable }, "the accounts API takes no URL")
            } else {
                #expect(outcomes.contains { $0.status == .passed }, "\(type(of: check).metadata.id) judged something")
            }
        }
    }

    @Test("tokens signed with a dictionary word fail jwt.weak-secret for each identity; a random key passes")
    func jwtPosture() async throws {
        let flawed = try await AccountsHarness.outcomes(.flawed) { JWTPostureCheck(identities: $0.identities) }
        #expect(
            Set(flawed.filter { $0.status == .failed }.map { "\($0.ruleID) \($0.location.discriminator ?? "")" }) == [
                "jwt.weak-secret identity alice", "jwt.weak-secret identity bob", "jwt.weak-secret identity root",
            ])
        let hardened = try await AccountsHarness.outcomes(.hardened) { JWTPostureCheck(identities: $0.identities) }
        #expect(hardened.failures.isEmpty)
        #expect(hardened.count == 15 && hardened.allSatisfy { $0.status == .passed })
    }

    @Test("bob reading alice's orders is BOLA, alice listing users is BFLA; the hardened twin refuses both")
    func authorization() async throws {
        let flawed = try await AccountsHarness.outcomes(.flawed) { AuthorizationCheck(api: $0) }
        #expect(
            flawed.failures == [
                "authz.bola @ GET /orders/{orderId}", "authz.bola @ GET /users/{userId}/orders",
                "authz.bfla @ GET /admin/users", "authz.bfla @ GET /admin/users/{userId}",
            ])
        let bola = flawed.filter { $0.ruleID == "authz.bola" && $0.status == .failed }
        #expect(bola.count == 3, "both of alice's orders, none of bob's own, and alice's orders by her own id")
        #expect(bola.allSatisfy { $0.detail.hasPrefix("bob got alice's answer") })
        // Everyone lists u-alice in the directory: her own id, from /me, still tests her orders.
        let byOwnID = try #require(bola.first { $0.location.path == "/users/{userId}/orders" })
        #expect(byOwnID.location.discriminator == "/users/u-alice/orders")
        #expect(byOwnID.detail.hasSuffix("it names alice's id, email"), "\(byOwnID.detail)")
        let hardened = try await AccountsHarness.outcomes(.hardened) { AuthorizationCheck(api: $0) }
        #expect(hardened.failures.isEmpty)
        let unjudged = hardened.filter { $0.status != .passed }
        #expect(
            Set(unjudged.map { "\($0.ruleID) @ \($0.location.method ?? "") \($0.location.path)" }) == [
                "authz.bola @ PUT /orders/{orderId}", "authz.bfla @ PUT /admin/users/{userId}",
            ])
        #expect(unjudged.allSatisfy { $0.status == .inconclusive && $0.detail.contains("passive mode") })
    }

    @Test(
        "with --active, bob writing back alice's order and alice writing back a user's role are write-side BOLA and BFLA"
    )
    func writeBack() async throws {
        let flawed = try await AccountsHarness.outcomes(.flawed, active: true) { AuthorizationCheck(api: $0) }
        let writes = flawed.filter { $0.location.method == "PUT" }
        #expect(
            Set(writes.map { "\($0.ruleID) \($0.status) \($0.location.discriminator ?? "")" }) == [
                "authz.bola failed /orders/o-alice-1", "authz.bola failed /orders/o-alice-2", "authz.bfla failed ",
            ])
        let order = try #require(writes.first { $0.ruleID == "authz.bola" })
        #expect(order.detail.hasPrefix("bob could write alice's object — alice: 200"), "\(order.detail)")
        #expect(order.detail.contains("anonymous: 401"), "the control is refused: \(order.detail)")
        #expect(order.detail.hasSuffix("the body was alice's own GET /orders/{orderId} answer, written back unchanged"))
        let role = try #require(writes.first { $0.ruleID == "authz.bfla" })
        #expect(role.detail.hasPrefix("alice could write root's object"), "\(role.detail)")
        let hardened = try await AccountsHarness.outcomes(.hardened, active: true) { AuthorizationCheck(api: $0) }
        #expect(hardened.failures.isEmpty)
        let refused = hardened.filter { $0.location.method == "PUT" }
        #expect(refused.count == 3 && refused.allSatisfy { $0.status == .passed }, "\(refused.map(\.detail))")
    }

    @Test("a catch-all server that answers every read and every write alike gives no authorization finding")
    func catchAll() async throws {
        let page = #"{"app":"orders","status":"ok"}"#
        let router = CheckHarness.catchAll(page, mediaType: "application/json")
        router.put("**") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
        }
        var configuration = ScanConfiguration(active: true)
        configuration.limits.requestBudget = 5000
        let outcomes = try await CheckHarness.outcomes(
            of: AuthorizationCheck(api: try await AccountsHarness.api(.flawed)), servedBy: router,
            configuration: configuration)
        #expect(outcomes.failures.isEmpty, "\(outcomes.filter { $0.status == .failed }.map(\.detail))")
        let writes = outcomes.filter { $0.location.method == "PUT" }
        #expect(!writes.isEmpty && writes.allSatisfy { $0.status == .inconclusive }, "\(writes.map(\.detail))")
    }

    @Test("a profile update that stores a role it was never offered is mass assignment; only with --active")
    func massAssignment() async throws {
        let flawed = try await AccountsHarness.outcomes(.flawed, active: true) { MassAssignmentCheck(api: $0) }
        #expect(flawed.failures == ["authz.mass-assignment @ PATCH /me"])
        let me = try #require(flawed.first { $0.location.path == "/me" })
        #expect(me.detail.hasPrefix("undeclared fields came back as sent: admin, isAdmin, is_admin, role"))
        let login = try #require(flawed.first { $0.location.path == "/login" })
        #expect(login.status == .inconclusive, "a refused write binds nothing: \(login.detail)")
        let hardened = try await AccountsHarness.outcomes(.hardened, active: true) { MassAssignmentCheck(api: $0) }
        #expect(hardened.first { $0.location.path == "/me" }?.status == .passed)
        let passive = try await AccountsHarness.outcomes(.flawed) { MassAssignmentCheck(api: $0) }
        #expect(passive.allSatisfy { $0.status == .inconclusive && $0.detail.contains("passive mode") })
    }

    @Test("a login without rate limiting fails after the whole burst; the hardened one answers 429 and passes")
    func rateLimit() async throws {
        let flawed = try await AccountsHarness.outcomes(.flawed, active: true) { RateLimitCheck(api: $0) }
        #expect(flawed.failures == ["ratelimit.missing @ POST /login"])
        #expect(flawed.first?.detail.hasPrefix("30 requests in a row, statuses 401") == true)
        let hardened = try await AccountsHarness.outcomes(.hardened, active: true) { RateLimitCheck(api: $0) }
        #expect(hardened.first?.status == .passed)
        #expect(hardened.first?.detail == "pushed back after 11 requests: 429, Retry-After: 60")
        let passive = try await AccountsHarness.outcomes(.flawed) { RateLimitCheck(api: $0) }
        #expect(passive.first?.status == .inconclusive && passive.first?.detail.contains("passive mode") == true)
    }

    @Test("a documented operation that is gone and an old version still answering are API9 findings")
    func inventory() async throws {
        let flawed = try await AccountsHarness.outcomes(.flawed) { InventoryCheck(api: $0) }
        #expect(
            flawed.failures == [
                "inventory.documented-missing @ GET /v2/stats", "inventory.old-version @ GET /v1/items",
            ])
        let hardened = try await AccountsHarness.outcomes(.hardened) { InventoryCheck(api: $0) }
        #expect(hardened.failures.isEmpty)
    }
}
