import Foundation
import ScantrailDemo
import ScantrailStore
import Testing

@Suite("The evidence trail from the command line: record, follow, accept, compare, verify")
struct TrailCLITests {
    /// Runs `body` with the changing API and a scan function recording into `database`.
    func withChangingAPI(
        database: String,
        _ body: (ChangingAPI, _ scan: ([String]) async throws -> Scantrail.Run) async throws -> Void
    ) async throws {
        let api = ChangingAPI()
        try await LocalHTTPServer.withRunning(api.router) { port in
            try await body(api) { extra in
                try await Scantrail.run(
                    ["scan", "http://127.0.0.1:\(port)/", "--format", "json", "--fail-on", "none"] + extra,
                    database: database)
            }
        }
    }

    /// Scans the changing API once per state, recording into `database`.
    func scans(_ states: [ChangingAPI.State], database: String, extra: [String] = []) async throws -> [Scantrail.Run] {
        var runs: [Scantrail.Run] = []
        try await withChangingAPI(database: database) { api, scan in
            for state in states {
                api.set(state)
                runs.append(try await scan(extra))
            }
        }
        return runs
    }

    func json(_ run: Scantrail.Run) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    }

    @Test(
        "a fix is recorded with its proof, diffed, and the audit chain verifies; a cookie no longer set closes its findings"
    )
    func detectAndFix() async throws {
        let database = Scantrail.databasePath()
        let runs = try await scans([.misconfigured, .fixed], database: database)
        #expect(runs.map(\.status) == [0, 0])
        #expect(runs[0].stderr.contains("recorded as scan #1"))
        #expect(runs[1].stderr.contains("0 new, 8 fixed, 0 reopened"))

        let fixed = try await Scantrail.run(["findings", "--status", "fixed", "--format", "json"], database: database)
        let fixedFindings = try #require(try json(fixed) as? [[String: Any]])
        #expect(fixedFindings.count == 8)
        #expect(fixedFindings.count { ($0["ruleID"] as? String)?.hasPrefix("cookies.") == true } == 2)

        let id = String((fixedFindings[0]["fingerprint"] as? String ?? "").prefix(12))
        let finding = try await Scantrail.run(["finding", id], database: database)
        #expect(finding.status == 0)
        #expect(finding.stdout.contains("Proof of fix"))
        #expect(finding.stdout.contains("(intact)"))
        #expect(finding.stdout.contains("finding.opened") && finding.stdout.contains("finding.fixed"))

        let diff = try await Scantrail.run(["diff", "1", "2"], database: database)
        #expect(diff.stdout.contains("Fixed (8)") && diff.stdout.contains("New (0)"))

        let history = try await Scantrail.run(["history"], database: database)
        #expect(history.stdout.contains("#2") && history.stdout.contains("0/8/0"))

        let verify = try await Scantrail.run(["audit", "verify"], database: database)
        #expect(verify.status == 0 && verify.stdout.hasPrefix("Audit chain intact: 20 entries verified."))
    }

    @Test("an edited audit entry makes 'audit verify' exit 1 and name it")
    func tamperedAudit() async throws {
        let database = Scantrail.databasePath()
        _ = try await scans([.misconfigured], database: database)
        try await SQLiteDatabase(path: database).execute([
            SQLStatement("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3")
        ])
        let verify = try await Scantrail.run(["audit", "verify"], database: database)
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("entry 3 was edited"))
    }

    @Test("accepted findings and findings already in the baseline do not fail CI; new ones do")
    func gating() async throws {
        let database = Scantrail.databasePath()
        try await withChangingAPI(database: database) { api, scan in
            _ = try await scan([])
            let open = try await Scantrail.run(["findings", "--format", "json"], database: database)
            let high = try #require((try json(open) as? [[String: Any]])?.first { $0["severity"] as? String == "high" })
            let id = String((high["fingerprint"] as? String ?? "").prefix(12))
            let accept = try await Scantrail.run(
                ["accept", id, "--reason", "lab network only", "--expires", "30d"], database: database)
            #expect(accept.status == 0 && accept.stdout.contains("is now accepted until"))

            // Only the accepted high finding would fail --fail-on high.
            let accepted = try await scan(["--fail-on", "high"])
            #expect(accepted.status == 0)
            #expect(accepted.stderr.contains("1 findings are accepted or in the baseline"))

            // Against baseline #1 nothing is new; after a regression, X-Powered-By is new again.
            api.set(.fixed)
            #expect(try await scan(["--baseline", "1", "--fail-on", "low"]).status == 0)
            api.set(.regressed)
            let regressed = try await scan(["--baseline", "3", "--fail-on", "low"])
            #expect(regressed.status == 1)
            #expect(regressed.stderr.contains("1 reopened"))
        }
    }

    @Test(
        "bad references and an unusable store get one line: exit 2 for the request, 4 for the store",
        arguments: [
            (["finding", "abcdef12"], Int32(2), "no finding abcdef12"),
            (["finding", "zz"], 2, "is not an identifier"),
            (["diff", "1", "2"], 2, "no scan 1"),
            (["accept", "abcd", "--reason", "r", "--expires", "someday"], 2, "--expires 'someday' is neither"),
            (["history", "--database", "postgres://nobody@127.0.0.1:1/none?sslmode=disable"], 4, "PostgreSQL"),
            (
                ["scan", "http://127.0.0.1:1/", "--database", "/etc/hostname/trail.db"], 4,
                "cannot open SQLite database /etc/hostname/trail.db: cannot create folder /etc/hostname: file exists"
            ),
            (["audit", "prune", "--retention-days", "30"], 2, "at least 90"),
        ]
    )
    func badReferences(arguments: [String], status: Int32, message: String) async throws {
        let run = try await Scantrail.run(arguments)
        #expect(run.status == status)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test("the SLA policy comes from the config file, and a broken config file is refused")
    func configFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "scantrail-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let good = folder.appendingPathComponent("good.yml").path
        let bad = folder.appendingPathComponent("bad.yml").path
        try "sla:\n  high: 10\nretentionDays: 120\n".write(toFile: good, atomically: true, encoding: .utf8)
        try "sla: [1, 2]\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let database = Scantrail.databasePath()
        _ = try await scans([.misconfigured], database: database, extra: ["--config", good])
        let open = try await Scantrail.run(["findings", "--format", "json"], database: database)
        let high = try #require((try json(open) as? [[String: Any]])?.first { $0["severity"] as? String == "high" })
        let seen = try Date(try #require(high["firstSeenAt"] as? String), strategy: .iso8601)
        let due = try Date(try #require(high["dueAt"] as? String), strategy: .iso8601)
        #expect(due.timeIntervalSince(seen) == 10 * 86_400)
        let refused = try await Scantrail.run(["findings", "--config", bad])
        #expect(refused.status == 2 && refused.stderr.contains("config file \(bad) is not valid"))
    }
}
