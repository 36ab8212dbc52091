import Foundation
import ScantrailStore
import ScantrailTestSupport
import Synchronization
import Testing

/// The two real backends every contract test runs on.
enum TestBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A fresh, empty location: a new SQLite file, or a new PostgreSQL schema.
    func freshLocation() async throws -> StoreLocation {
        let name = "t\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        switch self {
        case .sqlite:
            return .sqlite(
                path: FileManager.default.temporaryDirectory.appendingPathComponent("\(name)/scantrail.db").path)
        case .postgres:
            return .postgres(url: try await PostgresTestServer.shared.freshSchemaURL())
        }
    }

    /// Runs `body` with a store on a fresh location.
    @discardableResult
    func withStore<Result: Sendable>(
        clock: TestClock = TestClock(),
        policy: SLAPolicy = SLAPolicy(),
        signer: (any CheckpointSigner)? = nil,
        _ body: (EvidenceStore) async throws -> Result
    ) async throws -> Result {
        let location = try await freshLocation()
        return try await EvidenceStore.withStore(
            at: location, policy: policy, actor: "tester", now: clock.reading, signer: signer, body)
    }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    /// The clock as the store reads it.
    var reading: @Sendable () -> Date { { self.now } }

    func advance(days: Double) {
        current.withLock { $0 = $0.addingTimeInterval(days * 86_400) }
    }

    func advance(seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
