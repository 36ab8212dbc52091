import Foundation
import ScantrailApp
import ScantrailDemo
import ScantrailMonitor
import ScantrailStore
import ScantrailTestSupport
import Synchronization
import Testing

@Suite("The scan worker: due scans run, recorded with their jobs, retried, dropped")
struct ScanWorkerTests {
    /// A worker that polls fast, retries at once and stops when the queue is empty.
    static func options(maxAttempts: Int = 2) -> ScanWorker.Options {
        var options = ScanWorker.Options()
        options.name = "test-worker"
        options.pollSeconds = 0.05
        options.leaseSeconds = 30
        options.maxAttempts = maxAttempts
        options.retry = RetryPolicy(baseSeconds: 0.05)
        options.exitWhenIdle = true
        return options
    }

    /// Runs a worker to idle; what it said.
    static func runWorker(_ settings: StoreSettings, _ options: ScanWorker.Options = options()) async throws
        -> [String]
    {
        let events = Mutex<[String]>([])
        try await ScanWorker(settings: settings, options: options).run { event in
            events.withLock { $0.append(event.description) }
        }
        return events.withLock { $0 }
    }

    @Test("one pass scans every due target once; an unreachable one is retried, then fails, in the audit log")
    func singlePass() async throws {
        try await TargetMonitoringTests.withSettings { settings in
            try await LocalHTTPServer.withRunning(DemoAPI.router(.hardened)) { port in
                let schedule = try Schedule(every: "1h")
                let up = try await TargetMonitoring.add(
                    "http://127.0.0.1:\(port)/", schedule: schedule, description: nil, identitiesFrom: nil,
                    settings: settings)
                let down = try await TargetMonitoring.add(
                    "http://127.0.0.1:1/", schedule: schedule, description: nil, identitiesFrom: nil,
                    settings: settings)
                let said = try await Self.runWorker(settings)
                #expect(said.first == "worker test-worker started: up to 2 scans at a time, store sqlite")
                // Hardened, but served over plain HTTP: one finding.
                #expect(
                    said.contains { $0.hasSuffix("\(port)/: recorded scan #1 (1 failing, 1 new, 0 fixed)") }, "\(said)")
                #expect(said.contains { $0.contains("attempt 1 failed: cannot reach http://127.0.0.1:1/") })
                #expect(said.contains { $0.contains("failed after 2 attempts") } && said.last == "worker stopped")

                try await settings.withStore { store in
                    let scans = try await store.scans()
                    #expect(scans.map(\.target) == [up.url])
                    let done = try #require(try await store.scanJobs(target: up.id).first)
                    #expect(done.state == .succeeded && done.scanID == scans.first?.id && done.worker == "test-worker")
                    let failed = try #require(try await store.scanJobs(target: down.id).first)
                    #expect(failed.state == .failed && failed.attempts == 2)
                    #expect(try await store.auditEntries(subject: down.id).last?.action == "scan.failed")
                    // Both are due again in an hour, not now.
                    #expect(try await store.monitoredTarget(up.id).nextRunAt > Date().addingTimeInterval(3_000))
                }
                // Nothing is due: a second pass does nothing.
                let again = try await Self.runWorker(settings)
                #expect(again.count == 2, "\(again)")
            }
        }
    }

    @Test("after a recorded scan the worker opens a ticket for each new high finding, in the audit log")
    func ticketsAfterScan() async throws {
        let github = FakeGitHub()
        try await LocalHTTPServer.withRunning(github.router()) { trackerPort in
            try await TargetMonitoringTests.withSettings { base in
                try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { port in
                    var settings = base
                    settings.configuration = try AppConfiguration(
                        yaml: """
                            tickets:
                              github: {repository: acme/api, token: "${GH}", apiURL: "http://127.0.0.1:\(trackerPort)"}
                            """, path: "t.yaml")
                    _ = try await TargetMonitoring.add(
                        "http://127.0.0.1:\(port)/", schedule: try Schedule(every: "1h"), description: nil,
                        identitiesFrom: nil, settings: settings)
                    let events = Mutex<[String]>([])
                    try await ScanWorker(settings: settings, options: Self.options(), environment: ["GH": github.token])
                        .run { event in events.withLock { $0.append(event.description) } }
                    let said = events.withLock { $0 }.flatMap { $0.split(separator: "\n") }
                    let created = said.filter { $0.hasPrefix("ticket created github #") }
                    try await settings.withStore { store in
                        let high = try await store.findings(status: .open).filter { $0.severity >= .high }
                        #expect(!high.isEmpty && created.count == high.count, "\(said)")
                        let tickets = try await store.tickets()
                        #expect(github.issues.count == high.count && tickets.count == high.count)
                    }
                }
            }
        }
    }

    @Test("a job whose target was paused after it was queued is dropped unrun")
    func pausedTarget() async throws {
        try await TargetMonitoringTests.withSettings { settings in
            let target = try await TargetMonitoring.add(
                "http://127.0.0.1:1/", schedule: try Schedule(every: "1h"), description: nil, identitiesFrom: nil,
                settings: settings)
            _ = try await settings.withStore { store in
                try await store.enqueueDueScans(maxAttempts: 1) { _, now in now.addingTimeInterval(3_600) }
            }
            _ = try await TargetMonitoring.pause(target.id, settings: settings)
            let said = try await Self.runWorker(settings)
            #expect(said.contains { $0.hasSuffix("http://127.0.0.1:1/: dropped: its target is paused") }, "\(said)")
            try await settings.withStore { (store: EvidenceStore) async throws in
                #expect(try await store.scanJobs(target: target.id).map(\.state) == [.cancelled])
                #expect(try await store.scans().isEmpty)
            }
        }
    }

    @Test("a drain requested before any job is claimed ends the worker with nothing run")
    func drainFirst() async throws {
        try await TargetMonitoringTests.withSettings { settings in
            _ = try await TargetMonitoring.add(
                "http://127.0.0.1:1/", schedule: try Schedule(every: "1h"), description: nil, identitiesFrom: nil,
                settings: settings)
            let drain = WorkerDrain()
            drain.request()
            var options = Self.options()
            options.exitWhenIdle = false
            let events = Mutex<[String]>([])
            try await ScanWorker(settings: settings, options: options).run(drain: drain) { event in
                events.withLock { $0.append(event.description) }
            }
            #expect(
                events.withLock { $0 }.dropFirst() == [
                    "draining: taking no more jobs, waiting for 0 scans to finish", "worker stopped",
                ])
        }
    }
}
