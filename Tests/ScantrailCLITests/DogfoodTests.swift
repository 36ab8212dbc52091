import Foundation
import ScantrailApp
import ScantrailServer
import ScantrailStore
import ScantrailTestSupport
import Testing

@Suite("Dogfood: Scantrail scans its own web service")
struct DogfoodTests {
    /// The web service over HTTPS (a certificate for 127.0.0.1 from a fresh local root), recording
    /// in a fresh store that holds one admin key; `body` gets the port, the key, the root's PEM and
    /// the store.
    static func withServer(_ body: (Int, String, String, StoreSettings) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dogfood-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = try TestPKI.root()
        let leaf = try root.issue(name: "127.0.0.1", ipAddresses: ["127.0.0.1"])
        let paths = ["root.pem", "chain.pem", "key.pem"].map { folder.appendingPathComponent($0).path }
        try root.pem.write(toFile: paths[0], atomically: true, encoding: .utf8)
        try leaf.pem.write(toFile: paths[1], atomically: true, encoding: .utf8)
        try leaf.key.serializeAsPEM().pemString.write(toFile: paths[2], atomically: true, encoding: .utf8)
        let store = StoreSettings(location: .sqlite(path: folder.appendingPathComponent("trail.db").path), actor: "t")
        let key = try await store.withStore {
            try await $0.createAPIKey(name: "dogfood", scopes: [.admin], expiresAt: nil).secret
        }
        var settings = ServerSettings()
        settings.store = store
        settings.tls = (paths[1], paths[2])
        settings.allowTargets = ["127.0.0.1"]
        settings.onlyAllowedTargets = true
        try await WebServer.withRunning(settings) { port in try await body(port, key, paths[0], store) }
    }

    @Test(
        "scantrail scan of the server, with its own OpenAPI document and a key, reports zero findings",
        arguments: [[], ["--active"]])
    func zeroFindings(mode: [String]) async throws {
        try await Self.withServer { port, key, root, _ in
            let base = "https://127.0.0.1:\(port)"
            let run = try await Scantrail.run(
                [
                    "scan", "\(base)/", "--openapi", "\(base)/api/v1/openapi.json", "--identity",
                    "admin:admin=bearer:\(key)",
                    "--ca-file", root, "--no-store", "--fail-on", "low",
                ] + mode)
            #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
            #expect(run.stdout.contains("findings: 0 critical, 0 high, 0 medium, 0 low, 0 info"), "\(run.stdout)")
            #expect(run.stderr.contains("operations from \(base)/api/v1/openapi.json (OpenAPI 3.1.0)"), "\(run.stderr)")
            #expect(!run.stdout.contains(key) && !run.stderr.contains(key))
        }
    }

    @Test("the scan recorded in the server's store puts the server's certificate on the dashboard's calendar")
    func certificateCalendar() async throws {
        try await Self.withServer { port, key, root, store in
            guard case .sqlite(let path) = store.location else { return }
            let run = try await Scantrail.run([
                "scan", "https://127.0.0.1:\(port)/", "--identity", "admin:admin=bearer:\(key)", "--ca-file", root,
                "--database", path, "--quiet",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let dashboard = try await store.withStore { try await Dashboard.load(from: $0) }
            let certificate = try #require(dashboard.certificates.first)
            #expect(certificate.target == "https://127.0.0.1:\(port)/" && certificate.subject.contains("127.0.0.1"))
            #expect((360...366).contains(certificate.daysLeft))
            #expect(dashboard.targets.map(\.summary.scanCount) == [1] && dashboard.counts.total(.open) == 0)
        }
    }
}
