import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import Testing

@Suite("Version banners in response headers are found")
struct VersionDisclosureCheckTests {
    let check = VersionDisclosureCheck()

    @Test("the misconfigured demo API discloses its server version and framework")
    func misconfigured() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: DemoAPI.router(.misconfigured))
        let failed = outcomes.filter { $0.status == .failed }
        #expect(failed.map(\.location.discriminator) == ["Server", "X-Powered-By"])
        #expect(failed.map(\.detail) == ["Server: nginx/1.18.0 (Ubuntu)", "X-Powered-By: Express 4.17.1"])
    }

    @Test("the hardened demo API passes for every watched header")
    func hardened() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: DemoAPI.router(.hardened))
        #expect(outcomes.count == 5)
        #expect(outcomes.allSatisfy { $0.status == .passed })
    }

    @Test(
        "a product name alone is fine; a version or a framework header is not",
        arguments: [
            ("Server", "nginx", Outcome.Status.passed),
            ("Server", "Apache/2.4.41 (Ubuntu)", .failed),
            ("Server", "Microsoft-IIS/10.0", .failed),
            ("X-AspNet-Version", "4.0.30319", .failed),
            ("X-Powered-By", "PHP", .failed),
        ]
    )
    func banners(name: String, value: String, expected: Outcome.Status) async throws {
        let router = CheckHarness.router(headers: [HTTPField.Name(name)!: value])
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: router)
        #expect(outcomes.statuses["headers.version-disclosure[\(name)]"] == expected)
    }
}
