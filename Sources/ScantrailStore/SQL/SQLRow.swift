/// One result row, by column name.
public struct SQLRow: Sendable {
    /// The row's values by column name.
    public let values: [String: SQLValue]

    /// Creates a row.
    public init(_ values: [String: SQLValue]) {
        self.values = values
    }

    /// The column as text.
    ///
    /// - Throws: ``StoreError`` when the column is missing, null or not text.
    public func text(_ column: String) throws -> String {
        guard case .text(let value) = values[column] else { throw StoreError.corrupt("column \(column) is not text") }
        return value
    }

    /// The column as text, or `nil` when null.
    public func optionalText(_ column: String) throws -> String? {
        if case .null = values[column] ?? .null { return nil }
        return try text(column)
    }

    /// The column as an integer.
    ///
    /// - Throws: ``StoreError`` when the column is missing, null or not an integer.
    public func integer(_ column: String) throws -> Int64 {
        switch values[column] {
        case .integer(let value): return value
        case .real(let value) where value == value.rounded(): return Int64(value)
        default: throw StoreError.corrupt("column \(column) is not an integer")
        }
    }

    /// The column as an integer, or `nil` when null.
    public func optionalInteger(_ column: String) throws -> Int64? {
        if case .null = values[column] ?? .null { return nil }
        return try integer(column)
    }
}
