import Foundation
import ScantrailDemo
import Testing

@Suite("Reports from the command line: several formats from one scan, and any format of a recorded scan")
struct ReportCLITests {
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("one scan writes --format to standard output and each NAME=FILE to its file")
    func severalFormats() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { port in
            try await Scantrail.run([
                "scan", "http://127.0.0.1:\(port)/", "--no-store", "--fail-on", "none", "--format", "markdown",
                "-o", "sarif=\(folder.path)/scan.sarif", "-o", "junit=\(folder.path)/scan.xml",
                "-o", "csv=\(folder.path)/scan.csv",
            ])
        }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("## Scantrail: "))
        for name in ["scan.sarif", "scan.xml", "scan.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name)")
            #expect(run.stderr.contains("report written to \(folder.path)/\(name)"))
        }
        let sarif = try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("scan.sarif")))
        #expect((sarif as? [String: Any])?["version"] as? String == "2.1.0")
    }

    @Test("a plain -o FILE takes the --format report off standard output; a missing folder is a usage error")
    func plainFile() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try await LocalHTTPServer.withRunning(DemoAPI.router(.hardened)) { port in
            try await Scantrail.run([
                "scan", "http://127.0.0.1:\(port)/", "--no-store", "--format", "csv", "-o", "\(folder.path)/f.csv",
            ])
        }
        #expect(run.stdout.isEmpty)
        let csv = try String(contentsOf: folder.appendingPathComponent("f.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("fingerprint,rule_id,"))
        let refused = try await Scantrail.run(["scan", "http://127.0.0.1:1/", "-o", "sarif=/nonexistent/x.sarif"])
        #expect(refused.status == 2)
        #expect(
            refused.stderr.contains("--output cannot write /nonexistent/x.sarif: folder /nonexistent does not exist"))
    }

    @Test("'report FORMAT --scan N' renders a recorded scan again, with the trail's view; 'report soc2' the period")
    func recorded() async throws {
        let database = Scantrail.databasePath()
        let (scan, target) = try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { port in
            let target = "http://127.0.0.1:\(port)/"
            let run = try await Scantrail.run(
                ["scan", target, "--fail-on", "none", "--format", "json", "-q"], database: database)
            return (run, target)
        }
        #expect(scan.status == 0, "\(scan.stderr)")
        let csv = try await Scantrail.run(["report", "csv", "--scan", "1"], database: database)
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\r\n")
        let findings = try #require(
            (JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as? [String: Any])?["findings"] as? [Any])
        #expect(rows.count == findings.count + 1)
        #expect(rows.dropFirst().allSatisfy { $0.contains(",open,open-within,") || $0.contains(",open,n/a,") })
        let markdown = try await Scantrail.run(["report", "markdown", "--scan", "1"], database: database)
        #expect(markdown.stdout.contains("### New in this scan (\(findings.count))"))
        let missing = try await Scantrail.run(["report", "sarif", "--scan", "9"], database: database)
        #expect(missing.status == 2 && missing.stderr.contains("no scan 9"))
        let today = Date().formatted(.iso8601.year().month().day())
        let soc2 = try await Scantrail.run(
            ["report", "soc2", "--target", target, "--from", today, "--to", today, "--format", "json"],
            database: database)
        #expect(soc2.status == 0, "\(soc2.stderr)")
        let readiness = try #require(try JSONSerialization.jsonObject(with: Data(soc2.stdout.utf8)) as? [String: Any])
        #expect((readiness["scans"] as? [Any])?.count == 1 && (readiness["checklist"] as? [Any])?.count == 10)
        let incomplete = try await Scantrail.run(["report", "soc2", "--target", target], database: database)
        #expect(incomplete.status == 2 && incomplete.stderr.contains("soc2 needs --target, --from and --to"))
    }
}
