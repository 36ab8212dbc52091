/// One SQL statement with `?` placeholders and its arguments, written once for both backends.
public struct SQLStatement: Sendable, Hashable {
    /// The SQL text; `?` marks each argument.
    public let sql: String
    /// The arguments, in order.
    public let arguments: [SQLValue]

    /// Creates a statement.
    public init(_ sql: String, _ arguments: [SQLValue] = []) {
        self.sql = sql
        self.arguments = arguments
    }

    /// Multi-row `INSERT` statements for `rows`, in chunks that stay under both backends' limits
    /// on bound parameters.
    ///
    /// - Parameter suffix: Appended to each statement, e.g. an `ON CONFLICT` clause.
    public static func insert(
        into table: String,
        columns: [String],
        rows: [[SQLValue]],
        suffix: String = ""
    ) -> [SQLStatement] {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row needs one value per column")
        let rowsPerStatement = max(1, 2_000 / max(columns.count, 1))
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return stride(from: 0, to: rows.count, by: rowsPerStatement).map { start in
            let chunk = rows[start..<min(start + rowsPerStatement, rows.count)]
            let values = Array(repeating: tuple, count: chunk.count).joined(separator: ", ")
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(values)\(suffix)"
            return SQLStatement(sql, chunk.flatMap { $0 })
        }
    }

    /// `SELECT` statements for `column IN (…)` over `values`, in chunks.
    public static func select(
        _ head: String,
        where column: String,
        in values: [SQLValue]
    ) -> [SQLStatement] {
        stride(from: 0, to: values.count, by: 500).map { start in
            let chunk = Array(values[start..<min(start + 500, values.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            return SQLStatement("\(head) WHERE \(column) IN (\(marks))", chunk)
        }
    }
}
