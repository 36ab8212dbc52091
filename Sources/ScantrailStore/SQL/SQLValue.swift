/// A value bound into, or read from, SQL: the few types both SQLite and PostgreSQL store alike.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// `.text`, or `.null` for `nil`.
    public static func text(_ value: String?) -> SQLValue {
        value.map(SQLValue.text) ?? .null
    }

    /// `.integer`, or `.null` for `nil`.
    public static func integer(_ value: Int64?) -> SQLValue {
        value.map(SQLValue.integer) ?? .null
    }

    /// `.integer` from an `Int`, or `.null` for `nil`.
    public static func int(_ value: Int?) -> SQLValue {
        value.map { .integer(Int64($0)) } ?? .null
    }
}
