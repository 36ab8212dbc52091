import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// The shared backend: PostgreSQL through postgres-nio's connection pool. Writes take a
/// transaction-scoped advisory lock so that concurrent scans append to the evidence trail one
/// at a time, exactly as SQLite's single writer does.
public final class PostgresDatabase: SQLDatabase {
    public let kind = "postgres"
    /// The advisory lock every write holds for its transaction.
    static let writeLock: Int64 = 0x5343_414E_5452  // "SCANTR"
    private let client: PostgresClient
    private let logger: Logger

    private init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Connects to the PostgreSQL database at `url`
    /// (`postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require][&search_path=schema]`),
    /// runs `body`, then closes every connection.
    ///
    /// - Throws: ``StoreError`` for a malformed URL or a server that cannot be used (checked with
    ///   one connection first, so a wrong address or password fails at once), or what `body` throws.
    public static func withDatabase<Result: Sendable>(
        url: String,
        logger: Logger = Logger(label: "scantrail.postgres", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (PostgresDatabase) async throws -> Result
    ) async throws -> Result {
        let parsed = try PostgresURL(url)
        try await preflight(parsed, logger: logger)
        let client = PostgresClient(configuration: parsed.clientConfiguration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(PostgresDatabase(client: client, logger: logger))
        }
    }

    private static func preflight(_ url: PostgresURL, logger: Logger) async throws {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try url.connectionConfiguration(), id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw StoreError.unavailable("cannot connect to PostgreSQL at \(url.host):\(url.port): \(reason(error))")
        }
    }

    public func read(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        try await mapping {
            try await client.withConnection { connection in
                var results: [[SQLRow]] = []
                for statement in statements {
                    results.append(try await Self.fetch(statement, on: connection, logger: logger))
                }
                return results
            }
        }
    }

    public func write<Result: Sendable>(
        reading: [SQLStatement],
        _ plan: @Sendable ([[SQLRow]]) throws -> (statements: [SQLStatement], result: Result)
    ) async throws -> Result {
        try await mapping {
            try await client.withTransaction(logger: logger) { connection in
                _ = try await Self.fetch(
                    SQLStatement("SELECT pg_advisory_xact_lock(?)", [.integer(Self.writeLock)]), on: connection,
                    logger: logger)
                var rows: [[SQLRow]] = []
                for statement in reading {
                    rows.append(try await Self.fetch(statement, on: connection, logger: logger))
                }
                let (statements, result) = try plan(rows)
                for statement in statements {
                    try await connection.query(Self.query(statement), logger: logger)
                }
                return result
            }
        }
    }

    public func exchange(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await mapping {
            try await client.withConnection { try await Self.fetch(statement, on: $0, logger: logger) }
        }
    }

    public func rowLock(skippingLocked: Bool) -> String {
        skippingLocked ? "FOR UPDATE SKIP LOCKED" : "FOR UPDATE"
    }

    public func notify(_ channel: String) -> SQLStatement? {
        SQLStatement("SELECT pg_notify(?, '')", [.text(channel)])
    }

    public func listen(_ channel: String, _ onNotify: @escaping @Sendable () -> Void) async throws {
        try await mapping {
            try await client.withConnection { connection in
                try await connection.listen(on: channel) { notifications in
                    for try await _ in notifications { onNotify() }
                }
            }
        }
    }

    /// Turns driver errors into ``StoreError`` without quoting queries or values, which may be evidence.
    private func mapping<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as StoreError {
            throw error
        } catch let error as PostgresTransactionError {
            if let closure = error.closureError as? StoreError { throw closure }
            let cause = error.closureError ?? error.commitError ?? error.beginError ?? error
            throw StoreError.unavailable("PostgreSQL transaction failed: \(Self.reason(cause))")
        } catch {
            throw StoreError.unavailable("PostgreSQL: \(Self.reason(error))")
        }
    }

    /// The server's message, or the kind of failure; never a query or its values.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(type(of: error))" }
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return connectionFailure(underlying) ?? "\(underlying)" }
        return "\(error.code)"
    }

    /// What the operating system said when the connection could not be made ("connection
    /// refused"), rather than the driver's description of its attempts.
    private static func connectionFailure(_ error: any Error) -> String? {
        let failure: IOError?
        if let attempts = error as? NIOConnectionError {
            if attempts.connectionErrors.isEmpty && attempts.dnsAError != nil {
                return "cannot resolve \(attempts.host)"
            }
            failure = attempts.connectionErrors.lazy.compactMap { $0.error as? IOError }.first
        } else {
            failure = error as? IOError
        }
        return failure.map { String(cString: strerror($0.errnoCode)).lowercased() }
    }

    private static func fetch(_ statement: SQLStatement, on connection: PostgresConnection, logger: Logger) async throws
        -> [SQLRow]
    {
        var rows: [SQLRow] = []
        var columns: [String: Int]?
        for try await row in try await connection.query(query(statement), logger: logger) {
            let index =
                columns
                ?? Dictionary(row.enumerated().map { ($1.columnName, $0) }, uniquingKeysWith: { first, _ in first })
            columns = index
            rows.append(SQLRow(columns: index, cells: try row.map(value(of:))))
        }
        return rows
    }

    private static func value(of cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return .integer(try cell.decode(Int64.self))
        case .float4, .float8, .numeric: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        default: return .text(try cell.decode(String.self))
        }
    }

    /// `?` placeholders become `$1`, `$2`, … with the arguments bound in order.
    static func query(_ statement: SQLStatement) -> PostgresQuery {
        var sql = ""
        var index = 0
        for character in statement.sql {
            if character == "?" {
                index += 1
                sql += "$\(index)"
            } else {
                sql.append(character)
            }
        }
        var bindings = PostgresBindings(capacity: statement.arguments.count)
        for argument in statement.arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .integer(let int): bindings.append(int)
            case .real(let double): bindings.append(double)
            case .text(let string): bindings.append(string)
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}
