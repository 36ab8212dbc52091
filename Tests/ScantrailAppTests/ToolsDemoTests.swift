import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailDemo
import Testing

@Suite("The tools and board demos, scanned whole as a user scans them: every planted flaw found, none on the twins")
struct ToolsDemoTests {
    /// The result of an active scan of `demo`'s `hardened` or flawed face.
    static func scan(_ demo: DescribedAPI, hardened: Bool) async throws -> ScanResult {
        try await demo.withRunning(hardened: hardened) { port, inventory, identities in
            try await ActiveScan.run(port: port, inventory, identities)
        }
    }

    /// The findings of an active scan of `demo`'s `hardened` or flawed face, as
    /// `rule METHOD path [discriminator]`.
    static func findings(_ demo: DescribedAPI = .tools, hardened: Bool) async throws -> Set<String> {
        Set(
            try await scan(demo, hardened: hardened).findings.map {
                "\($0.ruleID) \($0.location.method ?? "") \($0.location.path) [\($0.location.discriminator ?? "")]"
            })
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

extension ToolsDemoTests {
    @Test("the board: another member reads, changes and deletes a note the scan made; a member deletes an item")
    func boardFlawed() async throws {
        let result = try await Self.scan(.board, hardened: false)
        let found = Set(
            result.findings.map {
                "\($0.ruleID) \($0.location.method ?? "") \($0.location.path) [\($0.location.discriminator ?? "")]"
            })
        #expect(
            found == [
                "authz.bola GET /notes/{noteId} [object the scan created]",
                "authz.bola PUT /notes/{noteId} [object the scan created]",
                "authz.bola DELETE /notes/{noteId} [object the scan created]",
                "authz.bfla DELETE /items/{itemId} [object the scan created]", "transport.cleartext-http GET / []",
            ])
        let evidence = try #require(result.checks.first { $0.checkID == "authz.access-control" }?.evidence)
        let created = evidence["created"]?.array ?? []
        #expect(created.count == 3, "a note for BOLA, an item for BFLA, the member's own note that BFLA set aside")
        #expect(created.allSatisfy { $0["removed"] == .bool(true) }, "\(created)")
    }

    @Test("the board's hardened twin: every trial on the scan's own objects passes, and each is cleaned up")
    func boardHardened() async throws {
        let result = try await Self.scan(.board, hardened: true)
        #expect(result.findings.map(\.ruleID) == ["transport.cleartext-http"])
        let trials =
            result.checks.first { $0.checkID == "authz.access-control" }?.outcomes
            .filter { $0.location.discriminator == "object the scan created" } ?? []
        #expect(trials.count == 4 && trials.allSatisfy { $0.status == .passed }, "\(trials.map(\.detail))")
        let evidence = try #require(result.checks.first { $0.checkID == "authz.access-control" }?.evidence)
        let fates = (evidence["created"]?.array ?? []).compactMap { $0["fate"]?.text }
        #expect(
            fates.count == 3 && fates.allSatisfy { $0.hasPrefix("deleted by") && $0.contains("clean-up") }, "\(fates)")
    }
}
