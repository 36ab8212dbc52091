import Synchronization

/// Work that several checks of one scan need the result of, done once per scan: the first
/// check to ask starts it, the others await the same result. The dependency is explicit (each
/// asker names the work it reads), and what it yields depends only on the work itself, never on
/// which check asked first or what the others sent meanwhile.
public final class ScanMemo: Sendable {
    private let tasks = Mutex<[String: Task<any Sendable, any Error>]>([:])

    /// An empty memo, for one scan.
    public init() {}

    /// The result of the work named `key`: `work`'s, run by the first caller; later callers
    /// (and concurrent ones) await the same run. Cancelling a caller cancels the shared run.
    ///
    /// - Throws: what `work` threw, to every caller; ``ScanMemoError`` when `key` was first
    ///   asked for with another result type.
    public func value<Value: Sendable>(
        _ key: String, _ work: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let task = tasks.withLock { tasks in
            if let running = tasks[key] { return running }
            let started = Task<any Sendable, any Error> { try await work() }
            tasks[key] = started
            return started
        }
        let result = try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
        guard let value = result as? Value else { throw ScanMemoError.typeMismatch(key: key) }
        return value
    }
}

/// A memoised value asked for with two different types.
public enum ScanMemoError: Error, CustomStringConvertible {
    /// `key` holds a value of another type.
    case typeMismatch(key: String)

    public var description: String {
        switch self {
        case .typeMismatch(let key): "the scan's shared work \(key) was asked for with another type"
        }
    }
}
