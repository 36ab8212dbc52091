import Foundation
import ScantrailDemo
import ScantrailStore
import ScantrailTestSupport
import Testing

@Suite("scantrail worker: due scans run by workers sharing one store")
struct WorkerCLITests {
    /// `count` slow targets, each with its hit counter, running for the length of `body`.
    static func withSlowTargets<Result: Sendable>(
        _ count: Int, delay: Duration,
        _ body: @Sendable ([(url: String, hits: SlowAPI.Hits)]) async throws -> Result
    ) async throws -> Result {
        guard count > 0 else { return try await body([]) }
        let hits = SlowAPI.Hits()
        return try await LocalHTTPServer.withRunning(SlowAPI.router(delay: delay, hits: hits)) { port in
            try await withSlowTargets(count - 1, delay: delay) { others in
                try await body([("http://127.0.0.1:\(port)/", hits)] + others)
            }
        }
    }

    /// A `scantrail worker` process: one scan at a time, a short lease, quick polls.
    static func worker(_ name: String, database: String, extra: [String] = []) throws -> Subprocess {
        try Subprocess(
            [
                Scantrail.executable.path, "worker", "--database", database, "--name", name, "--concurrency", "1",
                "--lease-seconds", "3", "--poll-seconds", "0.3", "--retry-seconds", "1",
            ] + extra)
    }

    /// Waits (at most `seconds`) until `condition` holds.
    static func eventually(within seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try await condition()
    }

    @Test(
        "three workers on one PostgreSQL, one killed mid-scan: its job is taken over after the lease and recorded once")
    func killedWorker() async throws {
        let database = try await PostgresTestServer.shared.freshSchemaURL()
        try await Self.withSlowTargets(3, delay: .milliseconds(400)) { targets in
            for target in targets {
                let added = try await Scantrail.run([
                    "targets", "add", target.url, "--every", "1h", "--database", database,
                ])
                #expect(added.status == 0, "\(added.stderr)")
            }
            let doomed = try Self.worker("doomed", database: database)
            defer { doomed.kill() }
            let url = try await doomed.firstMatch { output in
                output.split(separator: "\n").first { $0.hasSuffix("scanning (attempt 1 of 3)") }
                    .map { String($0.split(separator: " ")[1].dropLast()) }  // "j_… URL: scanning …"
            }
            let victim = try #require(targets.first { $0.url == url })
            // Mid-scan: the target has answered its first request and is answering more.
            #expect(try await Self.eventually(within: 10) { victim.hits.value > 1 })
            doomed.kill()

            let survivors = try ["w1", "w2"].map { try Self.worker($0, database: database) }
            defer { for survivor in survivors { survivor.kill() } }  // should a check throw first
            let finished = survivors.map { worker in Task { await worker.finish() } }
            let location = StoreLocation.postgres(url: database)
            let allRecorded = try await Self.eventually(within: 60) {
                try await EvidenceStore.withStore(at: location, actor: "test") { store in
                    try await store.scanJobs().allSatisfy { $0.state == .succeeded }
                }
            }
            for survivor in survivors { survivor.send(SIGTERM) }
            let outputs = await finished.asyncMap { await $0.value }
            #expect(allRecorded, "\(outputs.map(\.output))")
            for (status, output) in outputs {
                #expect(status == 0 && output.contains("draining") && output.hasSuffix("worker stopped\n"), "\(output)")
            }

            try await EvidenceStore.withStore(at: location, actor: "test") { store in
                let scans = try await store.scans()
                #expect(scans.map(\.target).sorted() == targets.map(\.url).sorted())
                let jobs = try await store.scanJobs()
                #expect(jobs.count == 3 && Set(jobs.compactMap(\.scanID)) == Set(scans.map(\.id)))
                let takenOver = try #require(jobs.first { $0.url == url })
                #expect(takenOver.attempts == 2 && ["w1", "w2"].contains(takenOver.worker ?? ""))
                #expect(takenOver.lastError == "the lease of doomed lapsed")
                #expect(jobs.filter { $0.url != url }.allSatisfy { $0.attempts == 1 })
                let recorded = try await store.auditEntries().filter { $0.action == "scan.recorded" }
                #expect(recorded.count == 3)
                #expect(try await store.verifyAudit().isIntact)
            }
        }
    }

    @Test("SIGTERM drains a worker: the scan it runs is finished and recorded, then it exits 0")
    func drainOnSigterm() async throws {
        let database = Scantrail.databasePath()
        try await Self.withSlowTargets(1, delay: .milliseconds(300)) { targets in
            _ = try await Scantrail.run(["targets", "add", targets[0].url, "--every", "1h", "--database", database])
            let worker = try Self.worker("draining", database: database)
            defer { worker.kill() }
            let finished = Task { await worker.finish() }
            #expect(try await Self.eventually(within: 10) { targets[0].hits.value > 1 })
            worker.send(SIGTERM)
            let (status, output) = await finished.value
            let lines = output.split(separator: "\n").map(String.init)
            #expect(status == 0, "\(output)")
            let drained = try #require(
                lines.firstIndex { $0.hasPrefix("draining: taking no more jobs, waiting for 1 scan") })
            let recorded = try #require(lines.firstIndex { $0.contains("recorded scan #1") }, "\(output)")
            #expect(drained < recorded && lines.last == "worker stopped")
            let history = try await Scantrail.run(["history", "--database", database])
            #expect(history.stdout.contains(targets[0].url) && history.stdout.contains("complete"), "\(history.stdout)")
        }
    }
}

@Suite("scantrail alerts and tickets: what to configure, and the logs")
struct MonitoringCLITests {
    @Test("without a tracker, tickets sync says what to configure; the logs start empty")
    func unconfigured() async throws {
        let database = Scantrail.databasePath()
        let sync = try await Scantrail.run(["tickets", "sync", "--database", database])
        #expect(sync.status == 2 && sync.stderr.contains("no tracker configured"), "\(sync.stderr)")
        let tickets = try await Scantrail.run(["tickets", "list", "--database", database])
        #expect(tickets.status == 0 && tickets.stdout.hasPrefix("No remediation tickets"))
        let alerts = try await Scantrail.run(["alerts", "run", "--database", database])
        #expect(alerts.status == 0 && alerts.stdout.contains("0 alerts raised"), "\(alerts.stdout)")
        let log = try await Scantrail.run(["alerts", "log", "--database", database, "--format", "json"])
        let entries = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [Any]
        #expect(log.status == 0 && entries?.isEmpty == true, "\(log.stdout)")
    }

    @Test("a recorded scan opens its high findings' tickets, which 'finding' and 'tickets list' then show")
    func scanOpensTickets() async throws {
        let github = FakeGitHub()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tickets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("t.db").path
        try await LocalHTTPServer.withRunning(github.router()) { tracker in
            let config = folder.appendingPathComponent("scantrail.yml")
            try """
            tickets:
              github: {repository: acme/api, token: "${GH_TOKEN}", apiURL: "http://127.0.0.1:\(tracker)"}
            """.write(to: config, atomically: true, encoding: .utf8)
            let store = ["--database", database, "--config", config.path]
            try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { port in
                let scan = try await Scantrail.run(
                    ["scan", "http://127.0.0.1:\(port)/", "--quiet"] + store, environment: ["GH_TOKEN": github.token])
                let created = scan.stderr.split(separator: "\n").filter {
                    $0.hasPrefix("scantrail: ticket created github #")
                }
                #expect(scan.status == 1 && !created.isEmpty && created.count == github.issues.count, "\(scan.stderr)")
            }
            let list = try await Scantrail.run(["tickets", "list", "--format", "json"] + store)
            let tickets = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
            let first = try #require(tickets?.first)
            #expect(tickets?.count == github.issues.count && first["state"] as? String == "open")
            let fingerprint = try #require(first["fingerprint"] as? String)
            let finding = try await Scantrail.run(["finding", String(fingerprint.prefix(12))] + store)
            #expect(
                finding.stdout.contains(
                    "ticket        github \(first["key"] ?? ""), open: https://github.com/acme/api/issues/"))
            #expect(finding.stdout.contains("ticket.created"), "\(finding.stdout)")
            // Without the token the scan refuses before sending a request.
            let refused = try await Scantrail.run(["scan", "http://127.0.0.1:9/"] + store)
            #expect(refused.status == 2 && refused.stderr.contains("environment variable GH_TOKEN is not set"))
        }
    }

    @Test("a webhook secret that is not set is an error naming the variable, before anything is sent")
    func unsetSecret() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("scantrail.yml")
        try """
        alerts:
          webhooks:
            - {name: siem, url: "http://127.0.0.1:9/hook", format: json, secret: "${SIEM_SECRET}"}
        """.write(to: config, atomically: true, encoding: .utf8)
        let run = try await Scantrail.run(
            ["alerts", "run", "--config", config.path, "--database", folder.appendingPathComponent("t.db").path])
        #expect(run.status == 2 && run.stderr.contains("webhook siem: environment variable SIEM_SECRET is not set"))
    }
}

extension Array {
    /// The results of `transform` on each element, in order.
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
