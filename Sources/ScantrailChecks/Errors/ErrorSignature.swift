/// A sign, in a response body, that a framework leaked its internals: a stack trace, a debug
/// page, or a database's own error message.
struct ErrorSignature: Sendable {
    /// `stack-trace` or `sql-error`.
    let kind: Kind
    /// The framework or database it points at.
    let source: String
    /// A regular expression that matches the sign.
    let pattern: String

    enum Kind: String, Codable, Sendable {
        case stackTrace = "stack-trace"
        case sqlError = "sql-error"
    }

    /// Every signature, most specific first.
    static let all: [ErrorSignature] = [
        .init(kind: .stackTrace, source: "Python", pattern: #"Traceback \(most recent call last\)"#),
        .init(
            kind: .stackTrace, source: "Django",
            pattern: #"You're seeing this error because you have <code>DEBUG = True"#),
        .init(kind: .stackTrace, source: "Werkzeug", pattern: #"Werkzeug Debugger|__debugger__"#),
        .init(kind: .stackTrace, source: "Java", pattern: #"\bat [a-zA-Z_$][\w$]*(\.[\w$<>]+)+\([\w$]+\.java:\d+\)"#),
        .init(
            kind: .stackTrace, source: ".NET",
            pattern: #"(\bat [\w.`<>\[\]]+\(.*\) in [^\n]*:line \d+|Server Error in '[^']*' Application)"#),
        .init(
            kind: .stackTrace, source: "Node.js",
            pattern: #"\bat (?:[\w.<>\[\] ]+ )?\(?(?:/|[A-Z]:\\|node:)[^\s()]+\.(?:js|mjs|cjs|ts):\d+:\d+\)?"#),
        .init(kind: .stackTrace, source: "Go", pattern: #"goroutine \d+ \[[a-z ]+\]:|panic: .+\n.*\.go:\d+"#),
        .init(
            kind: .stackTrace, source: "PHP",
            pattern: #"(Fatal error|Parse error|Warning|Notice)</b>?:? .+ on line <b>?\d+|Stack trace:\s*\n?\s*#0 "#),
        .init(
            kind: .stackTrace, source: "Ruby", pattern: #"\.rb:\d+:in `|ActionController::RoutingError|Rails\.root:"#),
        .init(
            kind: .sqlError, source: "MySQL",
            pattern: #"You have an error in your SQL syntax|mysql_fetch_|MySqlException"#),
        .init(
            kind: .sqlError, source: "PostgreSQL",
            pattern:
                #"PG::[A-Z]\w+Error|psql: ERROR|unterminated quoted string at or near|org\.postgresql\.util\.PSQLException"#
        ),
        .init(
            kind: .sqlError, source: "SQL Server",
            pattern:
                #"Unclosed quotation mark after the character string|Microsoft OLE DB Provider for SQL Server|System\.Data\.SqlClient\.SqlException"#
        ),
        .init(kind: .sqlError, source: "Oracle", pattern: #"\bORA-\d{5}\b"#),
        .init(
            kind: .sqlError, source: "SQLite",
            pattern:
                #"SQLite3::SQLException|sqlite3\.OperationalError|SQLITE_ERROR|SQLite error \d+|unrecognized token: \\?"|near \\?"[^"]{0,40}\\?": syntax error"#
        ),
        .init(kind: .sqlError, source: "SQL (PDO)", pattern: #"SQLSTATE\[\w+\]"#),
    ]
}
