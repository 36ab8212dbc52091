import Foundation
import Logging
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
    /// - Throws: ``StoreError`` for a malformed URL, or what `body` throws.
    public static func withDatabase<Result: Sendable>(
        url: String,
        logger: Logger = Logger(label: "scantrail.postgres", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (PostgresDatabase) async throws -> Result
    ) async throws -> Result {
        let client = PostgresClient(configuration: try configuration(url), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(PostgresDatabase(client: client, logger: logger))
        }
    }

    static func configuration(_ url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url),
            ["postgres", "postgresql"].contains(components.scheme?.lowercased() ?? ""),
            let host = components.host, !host.isEmpty, let user = components.user
        else {
            throw StoreError.unavailable("not a PostgreSQL URL (postgres://user@host:port/database)")
        }
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "require": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(.makeClientConfiguration())
        }
        let database = components.path.split(separator: "/").first.map(String.init)
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database, tls: tls
        )
        if let schema = components.queryItems?.first(where: { $0.name == "search_path" })?.value {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        configuration.options.maximumConnections = 8
        configuration.options.connectTimeout = .seconds(10)
        return configuration
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
                    logger: logger
                )
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

    /// Turns driver errors into ``StoreError`` without quoting values, which may be evidence.
    private func mapping<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as StoreError {
            throw error
        } catch let error as PSQLError {
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            throw StoreError.unavailable("PostgreSQL: \(message)")
        } catch let error as PostgresTransactionError {
            if let closure = error.closureError as? StoreError { throw closure }
            throw StoreError.unavailable(
                "PostgreSQL transaction failed: \(error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError.map { $0 as any Error } ?? error)"
            )
        }
    }

    private static func fetch(_ statement: SQLStatement, on connection: PostgresConnection, logger: Logger) async throws
        -> [SQLRow]
    {
        var rows: [SQLRow] = []
        for try await row in try await connection.query(query(statement), logger: logger) {
            var values: [String: SQLValue] = [:]
            for cell in row {
                values[cell.columnName] = try value(of: cell)
            }
            rows.append(SQLRow(values))
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
