/// A SQL database the evidence store runs on. Two implementations, one contract:
/// ``SQLiteDatabase`` (embedded, GRDB) and ``PostgresDatabase`` (shared, postgres-nio).
///
/// Writes are serialised: a write reads what it needs, plans its statements from what it read
/// (a pure function), and executes them, all in one transaction that no other writer can
/// interleave with — SQLite's single writer, PostgreSQL's transaction-scoped advisory lock.
public protocol SQLDatabase: Sendable {
    /// `sqlite` or `postgres`, for messages and tests.
    var kind: String { get }

    /// Runs read-only statements and returns each one's rows.
    func read(_ statements: [SQLStatement]) async throws -> [[SQLRow]]

    /// Runs `reading`, passes their rows to `plan`, and executes the statements it returns,
    /// all in one serialised transaction. Nothing is written if anything throws.
    func write<Result: Sendable>(
        reading: [SQLStatement],
        _ plan: @Sendable ([[SQLRow]]) throws -> (statements: [SQLStatement], result: Result)
    ) async throws -> Result

    /// Runs one statement that writes (an `UPDATE … RETURNING`) as a transaction of its own,
    /// outside the serialised write lock, and returns its rows. For the job queue's claims and
    /// heartbeats, which must not wait behind a scan being recorded.
    func exchange(_ statement: SQLStatement) async throws -> [SQLRow]

    /// The clause that makes a `SELECT` lock the rows it reads until its transaction ends
    /// (`FOR UPDATE`) and, `skippingLocked`, pass over rows another transaction holds
    /// (`SKIP LOCKED`). Empty on SQLite, whose single writer already excludes every other.
    func rowLock(skippingLocked: Bool) -> String

    /// The statement that wakes whoever ``listen(_:_:)``s on `channel` once its transaction
    /// commits; `nil` on SQLite, where waiting workers poll.
    func notify(_ channel: String) -> SQLStatement?

    /// Calls `onNotify` for every notification on `channel` until the task is cancelled or the
    /// connection ends; returns at once where the database has no notifications (SQLite).
    func listen(_ channel: String, _ onNotify: @escaping @Sendable () -> Void) async throws
}

extension SQLDatabase {
    /// Executes `statements` in one serialised transaction.
    public func execute(_ statements: [SQLStatement]) async throws {
        try await write(reading: []) { _ in (statements, ()) }
    }

    /// The rows of one read-only statement.
    public func rows(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await read([statement])[0]
    }
}
