import ScantrailStore
import Testing

@Suite("SQL written once for both backends, within their limits on bound parameters")
struct SQLStatementTests {
    static func rows(_ count: Int, columns: Int) -> [[SQLValue]] {
        (0..<count).map { row in (0..<columns).map { .int(row * 100 + $0) } }
    }

    @Test("a few rows are one INSERT with one tuple per row, arguments in row order")
    func smallInsert() {
        let statements = SQLStatement.insert(
            into: "outcomes", columns: ["a", "b"], rows: Self.rows(3, columns: 2), suffix: " ON CONFLICT DO NOTHING")
        #expect(statements.count == 1)
        #expect(
            statements[0].sql == "INSERT INTO outcomes (a, b) VALUES (?, ?), (?, ?), (?, ?) ON CONFLICT DO NOTHING")
        #expect(statements[0].arguments == [.int(0), .int(1), .int(100), .int(101), .int(200), .int(201)])
    }

    @Test("many rows are split so no statement binds more than 2,000 values, and no row is lost")
    func chunkedInsert() {
        let rows = Self.rows(1_234, columns: 7)
        let statements = SQLStatement.insert(into: "t", columns: (0..<7).map { "c\($0)" }, rows: rows)
        #expect(statements.count > 1)
        #expect(statements.allSatisfy { $0.arguments.count <= 2_000 })
        #expect(statements.flatMap(\.arguments) == rows.flatMap { $0 })
        #expect(statements.allSatisfy { $0.sql.filter { $0 == "?" }.count == $0.arguments.count })
    }

    @Test("no rows is no statement")
    func emptyInsert() {
        #expect(SQLStatement.insert(into: "t", columns: ["a"], rows: []).isEmpty)
    }

    @Test("IN lists are chunked by 500")
    func selectIn() {
        let values = (0..<1_201).map { SQLValue.int($0) }
        let statements = SQLStatement.select("SELECT * FROM findings", where: "fingerprint", in: values)
        #expect(statements.map(\.arguments.count) == [500, 500, 201])
        #expect(statements[2].sql.hasPrefix("SELECT * FROM findings WHERE fingerprint IN (?, ?"))
    }

    @Test("optional values bind as null")
    func nulls() {
        #expect(SQLValue.text(nil as String?) == .null && SQLValue.int(nil) == .null && SQLValue.integer(nil) == .null)
        #expect(SQLValue.text("x" as String?) == .text("x") && SQLValue.int(3) == .integer(3))
    }
}

@Suite("Rows are read by column name, and a wrong shape is named as corruption")
struct SQLRowTests {
    static let row = SQLRow(
        columns: ["id": 0, "count": 1, "ratio": 2, "gone": 3],
        cells: [.text("scan-1"), .integer(7), .real(3.0), .null])

    @Test("text, integers and whole reals are read; nulls are nil where optional")
    func reads() throws {
        #expect(try Self.row.text("id") == "scan-1")
        #expect(try Self.row.integer("count") == 7)
        #expect(try Self.row.integer("ratio") == 3)
        #expect(try Self.row.optionalText("gone") == nil)
        #expect(try Self.row.optionalInteger("gone") == nil)
        #expect(try Self.row.optionalInteger("count") == 7)
        #expect(Self.row["nope"] == nil)
    }

    @Test("a missing, null or mistyped column is corruption, named by column")
    func corrupt() {
        #expect(throws: StoreError.corrupt("column count is not text")) { try Self.row.text("count") }
        #expect(throws: StoreError.corrupt("column gone is not text")) { try Self.row.text("gone") }
        #expect(throws: StoreError.corrupt("column id is not an integer")) { try Self.row.integer("id") }
        #expect(throws: StoreError.corrupt("column nope is not an integer")) { try Self.row.integer("nope") }
    }

    @Test("store errors say whose fault they are, in one line")
    func errors() {
        #expect(StoreError.notFound("scan 9").isRequestError && StoreError.ambiguous("ab").isRequestError)
        #expect(StoreError.invalid("retention under 90 days").isRequestError)
        #expect(!StoreError.unavailable("down").isRequestError && !StoreError.corrupt("x").isRequestError)
        #expect(StoreError.notFound("scan 9").description == "no scan 9")
        #expect(StoreError.ambiguous("finding ab").description == "finding ab is ambiguous; give more characters")
        #expect(StoreError.corrupt("x").description == "the evidence store is corrupt: x")
    }
}
