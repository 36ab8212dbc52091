import Synchronization

/// Counts the requests a test server received.
final class RequestCounter: Sendable {
    private let value = Atomic<Int>(0)

    /// Counts one.
    func count() {
        value.add(1, ordering: .relaxed)
    }

    /// How many so far.
    var total: Int { value.load(ordering: .relaxed) }
}
