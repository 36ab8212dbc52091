// Load on one web-service instance: SCANS scans of local demo APIs submitted at once through
// the REST API with a scan key, followed by polling until every one ends; then every result
// must be finished and recorded. Prints one line: scans, finished, recorded, wall seconds, API
// latency p50 and p99 in milliseconds, API requests, peak resident memory in MiB.
//   server-benchmark SCANS MAX_CONCURRENT
import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailDemo
import ScantrailHTTP
import ScantrailServer
import ScantrailStore
import Synchronization

/// One load run.
enum LoadBenchmark {
    static func peakMemoryMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// Why the benchmark could not go on.
    struct LoadFailure: Error {
        let message: String
    }

    /// Every API call's latency, in milliseconds.
    static let latencies = Mutex<[Double]>([])

    static func call(_ probe: HTTPClientProbe, _ request: ProbeRequest) async throws -> [String: Any] {
        let clock = ContinuousClock()
        let started = clock.now
        let exchange = try await probe.send(request)
        let elapsed = clock.now - started
        latencies.withLock {
            $0.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        guard let body = exchange.response?.body,
            let object = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        else { throw LoadFailure(message: "no JSON answer from \(request.url)") }
        return object
    }

    /// Runs `scans` scans with at most `concurrent` at once; the result line.
    static func run(scans: Int, concurrent: Int) async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "server-benchmark-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = StoreSettings(
            location: .sqlite(path: folder.appendingPathComponent("trail.db").path), actor: "bench")
        let key = try await store.withStore {
            try await $0.createAPIKey(name: "load", scopes: [.scan, .read], expiresAt: nil).secret
        }
        var settings = ServerSettings()
        settings.store = store
        settings.allowTargets = ["127.0.0.1"]
        settings.maxConcurrentScans = concurrent
        settings.maxQueuedScans = max(64, scans)

        let clock = ContinuousClock()
        var client = ScanConfiguration()
        client.limits.maxConnectionsPerHost = 64
        client.limits.requestTimeoutSeconds = 60
        return try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { target in
            try await WebServer.withRunning(settings) { port in
                try await HTTPClientProbe.withProbe(configuration: client) { probe in
                    let base = "http://127.0.0.1:\(port)/api/v1"
                    let auth = HeaderField(name: "Authorization", value: "Bearer \(key)")
                    let started = clock.now
                    let ids = try await withThrowingTaskGroup(of: String.self) { group in
                        for _ in 0..<scans {
                            group.addTask {
                                let status = try await call(
                                    probe,
                                    ProbeRequest(
                                        method: "POST", url: "\(base)/scans",
                                        headers: [auth, HeaderField(name: "Content-Type", value: "application/json")],
                                        body: Data(#"{"url": "http://127.0.0.1:\#(target)/"}"#.utf8)))
                                guard let id = status["id"] as? String else {
                                    throw LoadFailure(message: "refused: \(status)")
                                }
                                return id
                            }
                        }
                        return try await group.reduce(into: [String]()) { $0.append($1) }
                    }
                    // Poll every scan until it ends (bounded: 600 rounds, 100 ms apart).
                    var ended: [String: String] = [:]
                    for _ in 0..<600 where ended.count < ids.count {
                        for id in ids where ended[id] == nil {
                            var poll = ProbeRequest(url: "\(base)/scans/\(id)", headers: [auth])
                            poll.acceptsEarlierAnswer = false
                            let status = try await call(probe, poll)
                            if let state = status["status"] as? String, state == "finished" || state == "failed" {
                                ended[id] = state
                            }
                        }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    let wall = clock.now - started
                    let recorded = try await store.withStore { try await $0.scans().count }
                    let sorted = latencies.withLock { $0.sorted() }
                    func percentile(_ p: Double) -> Double {
                        sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
                    }
                    return String(
                        format: "%d %d %d %.2f %.1f %.1f %d %.0f", scans, ended.values.count { $0 == "finished" },
                        recorded,
                        Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18, percentile(0.5),
                        percentile(0.99), sorted.count, peakMemoryMiB())
                }
            }
        }
    }
}

let arguments = CommandLine.arguments
let scans = arguments.count > 1 ? Int(arguments[1]) ?? 50 : 50
let concurrent = arguments.count > 2 ? Int(arguments[2]) ?? 4 : 4

print(try await LoadBenchmark.run(scans: scans, concurrent: concurrent))
