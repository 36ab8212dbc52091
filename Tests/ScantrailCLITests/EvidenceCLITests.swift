import Foundation
import ScantrailDemo
import ScantrailTestSupport
import Testing

@Suite("Signed evidence from the command line: a key, an export, an offline check")
struct EvidenceCLITests {
    @Test("init makes an owner-only key once; scans sign checkpoints; the export verifies and names tampering")
    func exportAndVerify() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["XDG_DATA_HOME": home.path, "SCANTRAIL_SIGNING_KEY": ""]
        let database = home.appendingPathComponent("trail.db").path
        func run(_ arguments: [String]) async throws -> Scantrail.Run {
            try await Scantrail.run(arguments, database: database, environment: environment)
        }
        let initialized = try await run(["signing-key", "init"])
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(initialized.stdout.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let keyPath = home.appendingPathComponent("scantrail/signing-key.pem").path
        let mode = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try await run(["signing-key", "init"]).status == 2, "a key is never overwritten")

        let target = try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { port in
            let url = "http://127.0.0.1:\(port)/"
            for _ in 0..<2 { _ = try await run(["scan", url, "-q", "--fail-on", "none", "--format", "json"]) }
            return url
        }
        let audit = try await run(["audit", "verify"])
        #expect(audit.stdout.contains("against 2 signed checkpoints"), "\(audit.stdout)")

        let bundle = home.appendingPathComponent("bundle.zip").path
        let today = Date().formatted(.iso8601.year().month().day())
        let export = try await run([
            "evidence", "export", "--target", target, "--from", today, "--to", today, "-o", bundle,
        ])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.hasPrefix("Wrote \(bundle): 2 scans"))
        let publicKey = home.appendingPathComponent("scantrail.pub.pem")
        try (try await run(["signing-key", "show"])).stdout.components(separatedBy: "fingerprint")[0]
            .write(to: publicKey, atomically: true, encoding: .utf8)
        let verified = try await run(["evidence", "verify", bundle, "--key", publicKey.path])
        #expect(verified.status == 0 && verified.stdout.contains("(the one given)"), "\(verified.stdout)")
        #expect(try await run(["audit", "verify", "--against", bundle]).status == 0)

        // An auditor's copy altered: one file edited.
        let script = """
            import sys, zipfile
            source, target = sys.argv[1], sys.argv[2]
            with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
                for item in zin.infolist():
                    data = zin.read(item.filename)
                    if item.filename == "findings.json":
                        data = b"[]"
                    zout.writestr(item, data)
            """
        let altered = home.appendingPathComponent("altered.zip").path
        let copy = try await Subprocess.run(["python3", "-c", script, bundle, altered])
        #expect(copy.status == 0, "\(copy.output)")
        let refused = try await run(["evidence", "verify", altered])
        #expect(refused.status == 1 && refused.stdout.contains("altered: findings.json"), "\(refused.stdout)")
    }
}
