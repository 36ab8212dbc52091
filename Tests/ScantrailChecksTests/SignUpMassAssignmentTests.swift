import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import Testing

@Suite("Mass assignment on a public sign-up, read back through the new account's own profile")
struct SignUpMassAssignmentTests {
    static func signUp(_ router: Router<BasicRequestContext>) async throws -> Outcome? {
        let api = APIUnderTest(inventory: try await CatalogueAPI.description(), identities: [CatalogueAPI.identity])
        let outcomes = try await CheckHarness.outcomes(
            of: MassAssignmentCheck(api: api), servedBy: router, configuration: ScanConfiguration(active: true))
        return outcomes.first { $0.location.path == "/signup" }
    }

    @Test("a sign-up that keeps a role it was never offered fails, seen through GET /me after signing in")
    func flawed() async throws {
        let outcome = try await Self.signUp(try CatalogueAPI.router(.flawed))
        #expect(outcome?.status == .failed, "\(outcome?.detail ?? "")")
        #expect(outcome?.detail.hasPrefix("undeclared fields came back as sent through GET /me: role") == true)
    }

    @Test("the hardened twin keeps only what it declares: passes, having read the profile back")
    func hardened() async throws {
        let outcome = try await Self.signUp(try CatalogueAPI.router(.hardened))
        #expect(outcome?.status == .passed, "\(outcome?.detail ?? "")")
        #expect(outcome?.detail.contains("read back: 200") == true)
    }
}
