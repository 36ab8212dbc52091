import Testing

@testable import ScantrailStore

@Suite("A PostgreSQL URL is read once, with the defaults libpq users expect")
struct PostgresURLTests {
    @Test("user, password, host, port, database and search path are read from the URL")
    func everyPart() throws {
        let url = try PostgresURL("postgres://scantrail:s3cret@db.internal:5499/evidence?search_path=audit")
        #expect(url.user == "scantrail")
        #expect(url.password == "s3cret")
        #expect(url.host == "db.internal")
        #expect(url.port == 5499)
        #expect(url.database == "evidence")
        #expect(url.searchPath == "audit")
        #expect(url.sslMode == .prefer)
    }

    @Test("the port defaults to 5432, the password and database may be left out, postgresql:// is accepted")
    func defaults() throws {
        let url = try PostgresURL("postgresql://scantrail@127.0.0.1")
        #expect(url.port == 5432)
        #expect(url.password == nil)
        #expect(url.database == nil)
        #expect(url.searchPath == nil)
    }

    @Test("sslmode is disable, prefer or require", arguments: PostgresURL.SSLMode.allCases)
    func sslModes(mode: PostgresURL.SSLMode) throws {
        #expect(try PostgresURL("postgres://u@127.0.0.1/db?sslmode=\(mode.rawValue)").sslMode == mode)
    }

    @Test("an unknown sslmode is refused with the modes that exist, not silently downgraded")
    func unknownSSLMode() {
        #expect(throws: StoreError.unavailable("sslmode must be disable, prefer or require")) {
            try PostgresURL("postgres://u@127.0.0.1/db?sslmode=verify-full")
        }
    }

    @Test(
        "what is not a PostgreSQL URL is refused with the expected form",
        arguments: ["mysql://u@127.0.0.1/db", "postgres://127.0.0.1/db", "postgres:///db", "127.0.0.1:5432", ""])
    func notPostgres(url: String) {
        #expect(throws: StoreError.unavailable("not a PostgreSQL URL (postgres://user@host:port/database)")) {
            try PostgresURL(url)
        }
    }

    @Test("the search path travels as a startup parameter of both the pool and the preflight connection")
    func searchPathAtStartup() throws {
        let url = try PostgresURL("postgres://u@127.0.0.1/db?search_path=tenant_7&sslmode=disable")
        #expect(url.clientConfiguration.options.additionalStartupParameters.map(\.0) == ["search_path"])
        #expect(url.clientConfiguration.options.additionalStartupParameters.map(\.1) == ["tenant_7"])
        let single = try url.connectionConfiguration()
        #expect(single.options.additionalStartupParameters.map(\.1) == ["tenant_7"])
    }
}
