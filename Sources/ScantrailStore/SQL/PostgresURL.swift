import Foundation
import NIOSSL
import PostgresNIO

/// A parsed `postgres://user[:password]@host[:port]/database[?sslmode=…][&search_path=…]` URL.
struct PostgresURL {
    /// Whether the connection speaks TLS: `sslmode=` of the URL.
    enum SSLMode: String, CaseIterable {
        /// Never.
        case disable
        /// When the server offers it (the default).
        case prefer
        /// Always; a server without TLS is refused.
        case require
    }

    let host: String
    let port: Int
    let user: String
    let password: String?
    let database: String?
    /// Whether TLS is spoken.
    let sslMode: SSLMode
    /// Schema to work in, when not the default.
    let searchPath: String?

    /// Parses `url`.
    ///
    /// - Throws: ``StoreError`` naming the expected form.
    init(_ url: String) throws {
        guard let components = URLComponents(string: url),
            ["postgres", "postgresql"].contains(components.scheme?.lowercased() ?? ""),
            let host = components.host, !host.isEmpty, let user = components.user
        else {
            throw StoreError.unavailable("not a PostgreSQL URL (postgres://user@host:port/database)")
        }
        let query = components.queryItems ?? []
        self.host = host
        self.port = components.port ?? 5432
        self.user = user
        self.password = components.password
        self.database = components.path.split(separator: "/").first.map(String.init)
        guard let sslMode = SSLMode(rawValue: query.first { $0.name == "sslmode" }?.value ?? "prefer") else {
            throw StoreError.unavailable("sslmode must be disable, prefer or require")
        }
        self.sslMode = sslMode
        self.searchPath = query.first { $0.name == "search_path" }?.value
    }

    private var startupParameters: [(String, String)] {
        searchPath.map { [("search_path", $0)] } ?? []
    }

    /// The pool's configuration.
    var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case .disable: tls = .disable
        case .require: tls = .require(.makeClientConfiguration())
        case .prefer: tls = .prefer(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.additionalStartupParameters = startupParameters
        configuration.options.maximumConnections = 8
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// A single connection's configuration, for the preflight check.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch sslMode {
        case .disable: tls = .disable
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.additionalStartupParameters = startupParameters
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }
}
