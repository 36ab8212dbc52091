import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailDemo
import Testing

@Suite("The tools demo, scanned whole as a user scans it: every planted flaw found, none on its twin")
struct ToolsDemoTests {
    /// The findings of an active scan of the tools API's `hardened` or flawed face, as
    /// `rule METHOD path [discriminator]`.
    static func findings(hardened: Bool) async throws -> Set<String> {
        try await DescribedAPI.tools.withRunning(hardened: hardened) { port, inventory, identities in
            var settings = ScanSettings()
            settings.active = true
            let request = ScanRequest(
                target: ScanTarget(scheme: "http", host: "127.0.0.1", port: port),
                description: .imported(inventory, source: "openapi.json"),
                identities: identities.map(IdentitySource.given), settings: settings)
            let result = try await ScanSession.withSession(request) { try await $0.run() }
            return Set(
                result.findings.map {
                    "\($0.ruleID) \($0.location.method ?? "") \($0.location.path) [\($0.location.discriminator ?? "")]"
                })
        }
    }

    @Test("SSRF blind and full-read, command injection, ReDoS, and the undocumented /debug/env with its key")
    func flawed() async throws {
        let found = try await Self.findings(hardened: false)
        let planted: Set<String> = [
            "ssrf.url-fetched POST /avatars [body image_url]", "ssrf.url-fetched GET /link-preview [query url]",
            "ssrf.response-relayed GET /link-preview [query url]",
            "injection.os-command GET /diagnostics/ping [query host]",
            "dos.regex-backtracking POST /newsletter [body email]",
            "inventory.undocumented-endpoint GET /debug/env []",
            "exposure.api-documentation GET /openapi.json []",
            "transport.cleartext-http GET / []",
        ]
        #expect(planted.isSubset(of: found), "missing: \(planted.subtracting(found).sorted())")
        #expect(found.contains { $0.hasPrefix("secrets.credential-in-response GET /debug/env") }, "\(found.sorted())")
        #expect(found.count == planted.count + 1, "nothing else: \(found.subtracting(planted).sorted())")
    }

    @Test("the hardened twin gives no finding beyond the demo's cleartext HTTP")
    func hardened() async throws {
        #expect(try await Self.findings(hardened: true) == ["transport.cleartext-http GET / []"])
    }
}
