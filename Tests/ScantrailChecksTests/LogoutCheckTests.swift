import Hummingbird
import ScantrailCore
import ScantrailDemo
import Testing

@testable import ScantrailChecks
@testable import ScantrailOpenAPI

@Suite("A logged-out credential must stop working: a second credential is spent, never the identity's own")
struct LogoutCheckTests {
    static func outcomes(
        _ router: Router<BasicRequestContext>, active: Bool = true, renewable: Bool = true
    ) async throws -> [Outcome] {
        let (inventory, identities) = try await WalletAPI.description()
        let given =
            renewable
            ? identities : identities.map { Identity(name: $0.name, role: $0.role, credential: $0.credential) }
        let check = LogoutCheck(api: APIUnderTest(inventory: inventory, identities: given))
        return try await CheckHarness.outcomes(
            of: check, servedBy: router, configuration: ScanConfiguration(active: active))
    }

    @Test("a logout that forgets nothing fails; the identity's own token still works afterwards")
    func flawed() async throws {
        let outcomes = try await Self.outcomes(WalletAPI.router(.flawed))
        #expect(outcomes.failures == ["auth.token-valid-after-logout @ POST /logout"])
        #expect(
            outcomes.first?.detail.hasPrefix("still answered like before — GET /cards after POST /logout: 200") == true
        )
    }

    @Test("the hardened twin revokes the token: passes, naming the refusal")
    func hardened() async throws {
        let outcomes = try await Self.outcomes(WalletAPI.router(.hardened))
        #expect(outcomes.map(\.status) == [.passed])
        let detail = outcomes.first?.detail ?? ""
        #expect(detail.hasPrefix("GET /cards after POST /logout: 401"), "\(detail)")
    }

    @Test("passive mode, an identity with no second credential and a catch-all page are inconclusive, with why")
    func untested() async throws {
        let passive = try await Self.outcomes(WalletAPI.router(.flawed), active: false)
        #expect(passive.first?.status == .inconclusive && passive.first?.detail.contains("passive mode") == true)
        let given = try await Self.outcomes(WalletAPI.router(.flawed), renewable: false)
        #expect(given.first?.status == .inconclusive && given.first?.detail.contains("second credential") == true)
        let page = "<!doctype html><title>Wallet</title><nav>Wallet · Statements · Cards · Logout</nav>"
        let catchAll = try await Self.outcomes(CheckHarness.catchAll(page, mediaType: "text/html"))
        #expect(catchAll.first?.status == .inconclusive, "\(catchAll)")
    }

    @Test("logout operations are told by their last path segment or operation id")
    func recognised() {
        func operation(_ method: String, _ path: String, id: String? = nil) -> APIOperation {
            APIOperation(
                method: method, path: path, operationID: id, summary: nil, tags: [], parameters: [], requestBody: nil,
                security: [["bearer"]])
        }
        #expect(LogoutCheck.isLogout(operation("POST", "/auth/logout")))
        #expect(LogoutCheck.isLogout(operation("DELETE", "/v1/sign-out")))
        #expect(LogoutCheck.isLogout(operation("POST", "/session/end", id: "userLogOut")))
        #expect(!LogoutCheck.isLogout(operation("GET", "/logouts/{id}/audit")))
        #expect(!LogoutCheck.isLogout(operation("POST", "/login")))
    }

    @Test("judged from the records: the same answer after logout fails, a refusal passes, no logout is not applicable")
    func evaluate() {
        let check = LogoutCheck(api: HandBuilt.emptyAPI)
        let before = HandBuilt.record("second credential", body: #"{"owner":"ana","balance":"1204.50"}"#)
        func judged(after: ExchangeRecord) -> Outcome.Status? {
            check.evaluate(
                .init(
                    origin: HandBuilt.origin, logout: "POST /logout", notTested: nil, before: before,
                    loggedOut: HandBuilt.record("second credential", status: 204, body: ""), after: after)
            ).first?.status
        }
        #expect(judged(after: before) == .failed)
        #expect(judged(after: HandBuilt.record("second credential, logged out", status: 401)) == .passed)
        let none = check.evaluate(
            .init(
                origin: HandBuilt.origin, logout: nil, notTested: "no logout operation documented", before: nil,
                loggedOut: nil, after: nil))
        #expect(none.map(\.status) == [.notApplicable])
    }
}
