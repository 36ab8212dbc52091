import Crypto
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import NIOCore
import ScantrailCore
import Synchronization

/// A shop catalogue with public search and sign-in, backed by a real SQLite database in
/// memory, with two faces: `.flawed` pastes parameters into its SQL and answers with the
/// database's error, and tells unknown accounts apart when signing in or resetting a password;
/// `.hardened` binds every value and answers alike whether an account exists or not.
/// Its landing page at `/` is right on both faces; the flaws live deeper, as on real APIs.
public enum CatalogueAPI {
    /// Which face the API shows.
    public enum Profile: Sendable {
        /// The flaws listed in ``router(_:)``.
        case flawed
        /// The same API done right.
        case hardened
    }

    /// The one origin the hardened partner feed grants.
    static let partner = "https://partner.example.test"

    /// The one registered account: the identity the checks are given.
    public static let account = (email: "cleo@example.test", password: "correct horse battery staple")

    /// The routes. The flawed face pastes into SQL
    /// - `category` of `GET /products` and `minRating` of `GET /reviews` (query),
    /// - `sku` of `GET /products/{sku}` (path),
    /// - `term` and `limit` of `POST /search` (JSON body),
    ///
    /// answering 500 with SQLite's message when the statement breaks; its `POST /login` and
    /// `POST /password-reset` answer an unknown email with 404 "no account for that email"; and
    /// its public `POST /signup` keeps every field it is sent (`role`, `isAdmin`…), which
    /// `GET /me` shows once the new account signs in, and answers a taken email with 409 (the
    /// hardened face answers 202 "check your inbox" either way). Beyond `/`, its answers carry no security
    /// headers; `GET /partner/feed` grants any origin with credentials, and is served by an older
    /// stack that names itself (`X-Powered-By: PHP/7.4.3`, on that route only); `GET /me` lets any
    /// origin read the signed-in profile (`Access-Control-Allow-Origin: *`); and `GET /session`
    /// sets a session cookie without `Secure`, `HttpOnly` or `SameSite`.
    public static func router(_ profile: Profile) throws -> Router<BasicRequestContext> {
        let database = try seeded()
        let flawed = profile == .flawed
        let router = Router()
        if !flawed { router.add(middleware: ResponseHeadersMiddleware(headers: DemoAPI.responseHeaders(.hardened))) }
        router.get("/") { _, _ in
            var landing = json(.ok, #"{"name":"Catalogue API","documentation":"/openapi.json"}"#)
            for field in DemoAPI.responseHeaders(.hardened) { landing.headers[field.name] = field.value }
            return landing
        }
        router.get("/openapi.json") { _, _ in json(.ok, document) }
        router.get("/partner/feed") { request, _ in
            var feed = json(.ok, #"{"items":[{"sku":"LAMP-01","price":"39.5"}]}"#)
            let origin = request.headers[.origin]
            if flawed { feed.headers[HTTPField.Name("X-Powered-By")!] = "PHP/7.4.3" }
            if flawed, let origin {
                feed.headers[.accessControlAllowOrigin] = origin
                feed.headers[.accessControlAllowCredentials] = "true"
            } else if origin == partner {
                feed.headers[.accessControlAllowOrigin] = partner
            }
            return feed
        }
        router.get("/session") { _, _ in
            var session = json(.ok, #"{"signedIn":false}"#)
            let flags = flawed ? "Path=/" : "Path=/; Secure; HttpOnly; SameSite=Strict"
            session.headers[.setCookie] = "catalogue_session=\(UUID().uuidString); \(flags)"
            return session
        }
        /// Runs `pasted` (flawed) or `bound` with `arguments` (hardened) and answers its rows.
        @Sendable func rows(_ pasted: String, _ bound: String, _ arguments: StatementArguments) -> Response {
            do {
                let found = try database.read { db in
                    try flawed ? Row.fetchAll(db, sql: pasted) : Row.fetchAll(db, sql: bound, arguments: arguments)
                }
                let items = found.map { row in
                    "{" + row.columnNames.map { #""\#($0)":"\#(row[$0] as DatabaseValue)""# }.joined(separator: ",")
                        + "}"
                }
                return json(.ok, #"{"items":[\#(items.joined(separator: ","))]}"#)
            } catch {
                let message = flawed ? "\(error)".replacingOccurrences(of: "\"", with: "\\\"") : "internal error"
                return json(.internalServerError, #"{"error":"\#(message)"}"#)
            }
        }
        router.get("/products") { request, _ in
            let category = request.uri.queryParameters["category"].map(String.init) ?? "lamps"
            return rows(
                "SELECT sku, name, price FROM products WHERE category = '\(category)'",
                "SELECT sku, name, price FROM products WHERE category = ?", [category])
        }
        router.get("/products/{sku}") { _, context in
            let sku = context.parameters.get("sku") ?? ""
            return rows(
                "SELECT sku, name, price FROM products WHERE sku = '\(sku)'",
                "SELECT sku, name, price FROM products WHERE sku = ?", [sku])
        }
        router.get("/reviews") { request, _ in
            let rating = request.uri.queryParameters["minRating"].map(String.init) ?? "4"
            return rows(
                "SELECT sku, rating FROM products WHERE rating >= \(rating)",
                "SELECT sku, rating FROM products WHERE rating >= ?", [Int(rating) ?? 0])
        }
        router.post("/search") { request, context in
            let body = try await request.body.collect(upTo: 64 * 1024)
            let fields = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
            let term = fields["term"].map { "\($0)" } ?? ""
            let limit = fields["limit"].map { "\($0)" } ?? "5"
            return rows(
                "SELECT sku, name FROM products WHERE name LIKE '%\(term)%' LIMIT \(limit)",
                "SELECT sku, name FROM products WHERE name LIKE ? LIMIT ?", ["%\(term)%", Int(limit) ?? 5])
        }
        // Accounts: cleo, and whoever signs up; sessions by bearer token.
        let accounts = Mutex([account.email: (password: account.password, profile: ["email": account.email])])
        let sessions = Mutex(["5b0f3e2a-catalogue-session-cleo": account.email])
        router.post("/signup") { request, _ in
            let fields = try await DemoJSON.stringFields(of: request)
            guard let email = fields["email"]?.lowercased(), let password = fields["password"] else {
                return json(.badRequest, #"{"error":"email and password are required"}"#)
            }
            // The flawed face keeps every field it is sent; the hardened one email and name only.
            let kept = fields.filter { flawed ? $0.key != "password" : ["email", "name"].contains($0.key) }
            let created = accounts.withLock { accounts -> Bool in
                guard accounts[email] == nil else { return false }
                accounts[email] = (password, kept.merging(["role": "customer"]) { sent, _ in sent })
                return true
            }
            // The hardened face says the same whether the address was free or taken (it would
            // mail the taken address's owner); the flawed one tells them apart.
            guard flawed else { return json(.accepted, #"{"status":"check your inbox to finish signing up"}"#) }
            return created
                ? json(.created, #"{"status":"created"}"#)
                : json(.conflict, #"{"error":"an account with that email already exists"}"#)
        }
        router.get("/me") { request, _ in
            let token = request.headers[.authorization].map { String($0.dropFirst(7)) } ?? ""
            guard let email = sessions.withLock({ $0[token] }),
                let profile = accounts.withLock({ $0[email]?.profile })
            else { return json(.unauthorized, #"{"error":"sign in first"}"#) }
            let data = (try? JSONSerialization.data(withJSONObject: profile, options: .sortedKeys)) ?? Data()
            var me = json(.ok, String(decoding: data, as: UTF8.self))
            // The flawed face lets any origin read the signed-in profile.
            if flawed { me.headers[.accessControlAllowOrigin] = "*" }
            return me
        }
        router.post("/login") { request, _ in
            let fields = try await DemoJSON.stringFields(of: request)
            let email = fields["email"]?.lowercased() ?? ""
            let stored = accounts.withLock { $0[email] }
            switch (stored != nil, stored?.password == fields["password"]) {
            case (true, true):
                let token = UUID().uuidString
                sessions.withLock { $0[token] = email }
                return json(.ok, #"{"access_token":"\#(token)","token_type":"Bearer"}"#)
            case (false, _) where flawed: return json(.notFound, #"{"error":"no account for that email"}"#)
            case (true, false) where flawed: return json(.unauthorized, #"{"error":"wrong password"}"#)
            default: return json(.unauthorized, #"{"error":"invalid email or password"}"#)
            }
        }
        router.post("/password-reset") { request, _ in
            let email = try await DemoJSON.stringFields(of: request)["email"]?.lowercased() ?? ""
            let known = accounts.withLock { $0[email] != nil }
            if flawed && !known { return json(.notFound, #"{"error":"no account for that email"}"#) }
            return json(.accepted, #"{"status":"if the account exists, a reset link is on its way"}"#)
        }
        return router
    }

    /// The products, and the account, in a fresh in-memory database.
    private static func seeded() throws -> DatabaseQueue {
        let database = try DatabaseQueue()
        try database.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE products (sku TEXT PRIMARY KEY, name TEXT, category TEXT, price REAL, rating INTEGER);
                    INSERT INTO products VALUES ('LAMP-01', 'Desk lamp', 'lamps', 39.5, 4),
                        ('LAMP-02', 'Floor lamp', 'lamps', 89.0, 5), ('RUG-01', 'Wool rug', 'rugs', 120.0, 3);
                    """)
        }
        return database
    }

    private static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
