import Foundation
import GRDB

/// The embedded backend: one SQLite file through GRDB, in WAL mode (readers never block the
/// single writer), waiting up to 30 s for another process's write to finish.
public final class SQLiteDatabase: SQLDatabase {
    public let kind = "sqlite"
    private let pool: DatabasePool

    /// Opens (creating if needed) the database file at `path`, and its folder.
    ///
    /// - Throws: ``StoreError`` when the file cannot be opened.
    public init(path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError.unavailable(
                "cannot open SQLite database \(path): cannot create folder \(folder.path): \(Self.reason(error))")
        }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            configuration.label = "scantrail"
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StoreError.unavailable(
                "cannot open SQLite database \(path): \(error.message ?? "\(error.resultCode)")")
        } catch {
            throw StoreError.unavailable("cannot open SQLite database \(path): \(Self.reason(error))")
        }
    }

    /// The operating system's words for a file error ("permission denied", "file exists").
    private static func reason(_ error: any Error) -> String {
        let underlying = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError }
        let posix = underlying ?? (error as NSError)
        if posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code))).lowercased()
        }
        return error.localizedDescription
    }

    public func read(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        try await pool.read { db in
            try statements.map { try Self.fetch($0, in: db) }
        }
    }

    public func write<Result: Sendable>(
        reading: [SQLStatement],
        _ plan: @Sendable ([[SQLRow]]) throws -> (statements: [SQLStatement], result: Result)
    ) async throws -> Result {
        try await pool.write { db in
            let rows = try reading.map { try Self.fetch($0, in: db) }
            let (statements, result) = try plan(rows)
            for statement in statements {
                try db.execute(sql: statement.sql, arguments: Self.arguments(statement))
            }
            return result
        }
    }

    public func exchange(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await pool.write { try Self.fetch(statement, in: $0) }
    }

    public func rowLock(skippingLocked: Bool) -> String { "" }

    public func notify(_ channel: String) -> SQLStatement? { nil }

    public func listen(_ channel: String, _ onNotify: @escaping @Sendable () -> Void) async throws {}

    private static func fetch(_ statement: SQLStatement, in db: Database) throws -> [SQLRow] {
        let cursor = try Row.fetchCursor(db, sql: statement.sql, arguments: arguments(statement))
        var columns: [String: Int]?
        var rows: [SQLRow] = []
        while let row = try cursor.next() {
            let index =
                columns
                ?? Dictionary(row.columnNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            columns = index
            let cells = row.databaseValues.map { value -> SQLValue in
                switch value.storage {
                case .null: .null
                case .int64(let int): .integer(int)
                case .double(let double): .real(double)
                case .string(let string): .text(string)
                case .blob(let data): .text(String(decoding: data, as: UTF8.self))
                }
            }
            rows.append(SQLRow(columns: index, cells: Array(cells)))
        }
        return rows
    }

    private static func arguments(_ statement: SQLStatement) -> StatementArguments {
        StatementArguments(
            statement.arguments.map { value -> (any DatabaseValueConvertible)? in
                switch value {
                case .null: nil
                case .integer(let int): int
                case .real(let double): double
                case .text(let string): string
                }
            }
        )
    }
}
