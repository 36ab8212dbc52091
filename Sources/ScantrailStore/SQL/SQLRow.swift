/// One result row, read by column name. Rows of one result share their column index, so a
/// large result costs one array per row.
public struct SQLRow: Sendable {
    /// Column positions by name, shared by every row of a result.
    public let columns: [String: Int]
    /// The values, in column order.
    public let cells: [SQLValue]

    /// Creates a row from a shared column index and its values.
    public init(columns: [String: Int], cells: [SQLValue]) {
        self.columns = columns
        self.cells = cells
    }

    /// The value of `column`, `nil` when there is no such column.
    public subscript(column: String) -> SQLValue? {
        columns[column].map { cells[$0] }
    }

    /// The column as text.
    ///
    /// - Throws: ``StoreError`` when the column is missing, null or not text.
    public func text(_ column: String) throws -> String {
        guard case .text(let value) = self[column] else { throw StoreError.corrupt("column \(column) is not text") }
        return value
    }

    /// The column as text, or `nil` when null.
    public func optionalText(_ column: String) throws -> String? {
        if case .null = self[column] ?? .null { return nil }
        return try text(column)
    }

    /// The column as an integer.
    ///
    /// - Throws: ``StoreError`` when the column is missing, null or not an integer.
    public func integer(_ column: String) throws -> Int64 {
        switch self[column] {
        case .integer(let value): return value
        case .real(let value) where value == value.rounded(): return Int64(value)
        default: throw StoreError.corrupt("column \(column) is not an integer")
        }
    }

    /// The column as an integer, or `nil` when null.
    public func optionalInteger(_ column: String) throws -> Int64? {
        if case .null = self[column] ?? .null { return nil }
        return try integer(column)
    }
}
