import Foundation
import Hummingbird
import ScantrailApp
import ScantrailCore
import ScantrailDemo
import ScantrailStore
import ScantrailTestSupport
import Synchronization
import Testing

@Suite("A scan request, from preparation to the recorded result")
struct ScanSessionTests {
    private static func freshStore() -> StoreSettings {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("scantrail-app-\(UUID().uuidString)/scantrail.db").path
        return StoreSettings(location: .sqlite(path: path), actor: "tester")
    }

    private static func request(port: Int, store: StoreSettings?, baseline: String? = nil) -> ScanRequest {
        ScanRequest(
            target: ScanTarget(scheme: "http", host: "127.0.0.1", port: port), description: .none, store: store,
            baseline: baseline)
    }

    /// Runs `request` through the whole session: prepare, run, record.
    private static func scan(_ request: ScanRequest) async throws -> (ScanResult, RecordedScan) {
        try await ScanSession.withSession(request) { session in
            let result = try await session.run()
            return (result, try await session.record(result))
        }
    }

    @Test("a recorded scan of the misconfigured demo API opens its findings and fails the high gate")
    func recorded() async throws {
        let store = Self.freshStore()
        try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { port in
            let (result, recorded) = try await Self.scan(Self.request(port: port, store: store))
            let record = try #require(recorded.record)
            #expect(record.sequence == 1 && record.counts.new == result.findings.count && !result.findings.isEmpty)
            #expect(recorded.counted.count == result.findings.count && recorded.excluded == 0)
            #expect(recorded.verdict == .failing)
        }
    }

    @Test("accepted findings and those already failing in the baseline do not count toward the gate")
    func exclusions() async throws {
        let store = Self.freshStore()
        try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { port in
            let (first, _) = try await Self.scan(Self.request(port: port, store: store))
            let high = try #require(first.findings.first { $0.severity >= .high })
            try await store.withStore { trail in
                _ = try await trail.accept(high.fingerprint.rawValue, reason: "compensating control")
            }
            let (_, accepted) = try await Self.scan(Self.request(port: port, store: store))
            #expect(accepted.excluded == 1 && !accepted.counted.contains { $0.fingerprint == high.fingerprint })
            let (_, gated) = try await Self.scan(Self.request(port: port, store: store, baseline: "1"))
            #expect(gated.counted.isEmpty && gated.verdict == .clean)
        }
    }

    @Test("without a store nothing is recorded and every finding counts")
    func unrecorded() async throws {
        try await LocalHTTPServer.withRunning(DemoAPI.router(.hardened)) { port in
            let (result, recorded) = try await Self.scan(Self.request(port: port, store: nil))
            #expect(recorded.record == nil && recorded.counted == result.findings)
        }
    }

    @Test("a store that cannot be opened, or an unknown baseline, is refused before the target sees a request")
    func refusedBeforeScanning() async throws {
        let hits = RequestCounter()
        let router = Router()
        router.get("/**") { _, _ in
            hits.count()
            return "ok"
        }
        try await ClosedPort.withReserved { closed in
            try await LocalHTTPServer.withRunning(router) { port in
                let postgres = StoreSettings(
                    location: .postgres(url: "postgres://nobody@127.0.0.1:\(closed)/none?sslmode=disable"),
                    actor: "tester")
                let unusable = await appError { _ = try await Self.scan(Self.request(port: port, store: postgres)) }
                #expect(unusable?.kind == .storeUnavailable)
                #expect(
                    unusable?.description == "cannot connect to PostgreSQL at 127.0.0.1:\(closed): connection refused")
                let baseline = Self.request(port: port, store: Self.freshStore(), baseline: "7")
                #expect(await appError { _ = try await Self.scan(baseline) } == AppError.invalid("no scan 7"))
                #expect(hits.total == 0)
            }
        }
    }

    @Test("an unreachable target is a failed scan, said in one line")
    func unreachable() async throws {
        try await ClosedPort.withReserved { closed in
            let error = await appError { _ = try await Self.scan(Self.request(port: closed, store: nil)) }
            #expect(error == AppError.scanFailed("cannot reach http://127.0.0.1:\(closed)/: connection refused"))
        }
    }

    @Test("identities given twice are refused; identities without a description are said to be unused")
    func identities() async throws {
        let alice = try IdentitySource(parsing: "alice=bearer:t")
        try await LocalHTTPServer.withRunning(DemoAPI.router(.hardened)) { port in
            var request = Self.request(port: port, store: nil)
            request.identities = [alice, alice]
            let twice = request
            let error = await appError { _ = try await Self.scan(twice) }
            #expect(error == AppError.invalid("identity alice is given twice"))
            request.identities = [alice]
            request.description = .automatic
            let notices = Mutex<[String]>([])
            try await ScanSession.withSession(
                request, onNotice: { notice in notices.withLock { $0.append("\(notice)") } }
            ) {
                #expect($0.identities.map(\.name) == ["alice"])
            }
            #expect(notices.withLock { $0 } == ["identitiesUnused"])
        }
    }
}
