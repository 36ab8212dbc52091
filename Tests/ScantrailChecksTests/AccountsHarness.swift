import Foundation
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import ScantrailOpenAPI

/// The accounts API, its OpenAPI description and three identities: alice and bob (users) and
/// root (admin), each with a bearer token the running face of the API signed.
enum AccountsHarness {
    /// The API under test for `profile`, identities in the order alice, bob, root.
    static func api(_ profile: AccountsAPI.Profile) async throws -> APIUnderTest {
        let (inventory, identities) = try await AccountsAPI.description(profile)
        return APIUnderTest(inventory: inventory, identities: identities)
    }

    /// The outcomes of `check` (made from the API under test) against a running `profile` face.
    static func outcomes<Check: SecurityCheck>(
        _ profile: AccountsAPI.Profile, active: Bool = false, _ makeCheck: (APIUnderTest) -> Check
    ) async throws -> [Outcome] {
        let check = makeCheck(try await api(profile))
        var configuration = ScanConfiguration(active: active)
        configuration.limits.requestBudget = 5000
        return try await CheckHarness.outcomes(
            of: check, servedBy: AccountsAPI.router(profile), configuration: configuration)
    }
}

extension Array where Element == Outcome {
    /// `rule @ METHOD path` for each failed outcome.
    var failures: Set<String> {
        Set(filter { $0.status == .failed }.map { "\($0.ruleID) @ \($0.location.method ?? "") \($0.location.path)" })
    }
}
