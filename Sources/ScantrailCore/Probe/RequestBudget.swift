import Synchronization

/// The number of requests a scan may still put on the wire. Shared by every probe of a scan;
/// once spent, further requests fail with ``ProbeFailure/Code/budgetExhausted`` and the
/// checks that needed them end `inconclusive`.
public final class RequestBudget: Sendable {
    /// The budget at the start.
    public let limit: Int
    private let used = Mutex(0)

    /// Creates a budget of `limit` requests.
    public init(limit: Int) {
        self.limit = limit
    }

    /// Takes one request from the budget.
    ///
    /// - Returns: `false` when the budget is spent.
    public func take() -> Bool {
        used.withLock { used in
            guard used < limit else { return false }
            used += 1
            return true
        }
    }

    /// Requests taken so far.
    public var spent: Int {
        used.withLock { $0 }
    }
}
