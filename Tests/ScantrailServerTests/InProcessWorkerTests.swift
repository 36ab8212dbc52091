import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailDemo
import ScantrailMonitor
import ScantrailStore
import Synchronization
import Testing

@testable import ScantrailServer

@Suite("serve --worker: the web service runs due scans itself")
struct InProcessWorkerTests {
    @Test("a monitored target's due scan is run and recorded by the service's own worker while it serves")
    func runsDueScans() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-worker-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = StoreSettings(location: .sqlite(path: folder.appendingPathComponent("t.db").path), actor: "ops")
        try await LocalHTTPServer.withRunning(DemoAPI.router(.hardened)) { target in
            let monitored = try await TargetMonitoring.add(
                "http://127.0.0.1:\(target)/", schedule: try Schedule(every: "1h"), description: nil,
                identitiesFrom: nil, settings: store)
            var settings = WebServerTests.settings()
            settings.store = store
            var options = ScanWorker.Options()
            options.pollSeconds = 0.1
            settings.worker = options
            let events = Mutex<[String]>([])
            settings.workerEvents = { event in events.withLock { $0.append(event.description) } }
            try await WebServer.withRunning(settings) { port in
                // A loaded suite has taken more than 30 s to get the worker's first scan recorded.
                let deadline = Date().addingTimeInterval(60)
                var recorded = false
                while !recorded && Date() < deadline {
                    try await Task.sleep(for: .milliseconds(100))
                    recorded = try await store.withStore { try await $0.scans().count == 1 }
                }
                #expect(recorded, "the worker said: \(events.withLock { $0 })")
                let page = try await WebServerTests.send(ProbeRequest(method: "GET", url: "http://127.0.0.1:\(port)/"))
                #expect(page.response?.status == 200)  // serving all along
            }
            let said = events.withLock { $0 }
            #expect(said.contains { $0.hasSuffix("recorded scan #1 (1 failing, 1 new, 0 fixed)") }, "\(said)")
            #expect(said.last == "worker stopped")  // drained with the service
            try await store.withStore { trail in
                let job = try #require(try await trail.scanJobs(target: monitored.id).first)
                #expect(job.state == .succeeded && job.scanID != nil)
            }
        }
    }

    @Test("an in-process worker without the evidence store is refused")
    func needsStore() {
        var settings = WebServerTests.settings()
        settings.worker = ScanWorker.Options()
        #expect(throws: AppError.self) { try settings.validate() }
    }
}
