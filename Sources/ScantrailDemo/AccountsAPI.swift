import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ScantrailCore
import Synchronization

/// An API with users, orders and an admin area, described by an OpenAPI document (served at
/// `/openapi.json`), with two faces: `.flawed` plants one authentication or authorization flaw
/// per route; `.hardened` has none. Tokens are HS256 JWTs; the flawed face signs them with a
/// dictionary word.
public enum AccountsAPI {
    /// Which face the API shows.
    public enum Profile: Sendable {
        /// One flaw per route, as listed in ``router(_:)``.
        case flawed
        /// The same API done right.
        case hardened

        /// The HMAC key tokens are signed with.
        var secret: [UInt8] {
            switch self {
            case .flawed: Array("secret".utf8)
            case .hardened: Array("k7Qe2vXb9Rz4Lm8Tn1Wc6Yp3Hs5Gd0Fa".utf8)
            }
        }
    }

    /// The people behind the tokens.
    static let users: [String: (role: String, email: String, name: String)] = [
        "alice": ("user", "alice@example.test", "Alice Liddell"),
        "bob": ("user", "bob@example.test", "Bob Marley"),
        "root": ("admin", "root@example.test", "Ada Root"),
    ]

    /// A token for `user` (alice, bob or root), valid for an hour.
    public static func token(for user: String, profile: Profile) -> String {
        let now = Int(Date().timeIntervalSince1970)
        let claims = #"{"exp":\#(now + 3600),"iat":\#(now),"role":"\#(users[user]?.role ?? "user")","sub":"\#(user)"}"#
        let input =
            Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8).base64URLString + "." + Array(claims.utf8).base64URLString
        return input + "." + signature(input, profile.secret)
    }

    /// The routes. The flawed face:
    /// - `GET /reports` is documented as secured but checks nothing;
    /// - `GET /invoices` accepts any bearer token;
    /// - `GET /profile` accepts an unsigned (`alg: none`) token;
    /// - `GET /orders/{orderId}` serves any user's order to any user (BOLA);
    /// - `GET /users/{userId}/orders` serves any user's orders to any user, though every user's
    ///   id is in the public directory (BOLA found through the caller's own id);
    /// - `PUT /orders/{orderId}` lets any user change any order's note (write-side BOLA);
    /// - `GET /admin/users` and `GET /admin/users/{userId}` serve users too (BFLA), and
    ///   `PUT /admin/users/{userId}` lets them change anyone's role (write-side BFLA);
    /// - `POST /login` has no rate limit;
    /// - `PATCH /me` stores any field sent, `role` included (mass assignment);
    /// - `GET /directory` (public) lists emails;
    /// - `GET /v2/stats` is documented but gone, and the old `GET /v1/items` still answers.
    public static func router(_ profile: Profile) -> Router<BasicRequestContext> {
        let router = Router()
        let flawed = profile == .flawed
        // The hardened face is hardened all round: its headers too.
        if !flawed { router.add(middleware: ResponseHeadersMiddleware(headers: DemoAPI.responseHeaders(.hardened))) }
        let logins = Mutex(0)
        router.get("/openapi.json") { _, _ in json(document) }
        router.get("/health") { _, _ in json(#"{"status":"ok"}"#) }
        router.get("/me") { request, _ in
            guard let user = caller(request, profile) else { return unauthorized }
            return json(person(user))
        }
        // Profile updates: the flawed face merges whatever fields come (mass assignment); the
        // hardened one takes fullName only.
        let profiles = Mutex([String: [String: Any & Sendable]]())
        router.patch("/me") { request, _ in
            guard let user = caller(request, profile) else { return unauthorized }
            guard let fields = try await object(in: request) else {
                return status(.badRequest, #"{"error":"a JSON object is expected"}"#)
            }
            let stored = profiles.withLock { profiles -> [String: Any & Sendable] in
                var current = profiles[user] ?? ["id": "u-\(user)", "role": users[user]!.role]
                for (key, value) in fields where flawed || key == "fullName" {
                    if let text = value as? String { current[key] = text }
                    if let flag = value as? Bool { current[key] = flag }
                }
                profiles[user] = current
                return current
            }
            let data = (try? JSONSerialization.data(withJSONObject: stored, options: .sortedKeys)) ?? Data()
            return json(String(decoding: data, as: UTF8.self))
        }
        router.get("/orders") { request, _ in
            guard let user = caller(request, profile) else { return unauthorized }
            return json(#"{"orders":[\#(order(user, 1)),\#(order(user, 2))]}"#)
        }
        // Everyone can list the user ids (the directory); only the flawed face serves one user's
        // orders to another.
        router.get("/users/{userId}/orders") { request, context in
            guard let user = caller(request, profile) else { return unauthorized }
            let id = context.parameters.get("userId") ?? ""
            guard id.hasPrefix("u-"), let owner = Optional(String(id.dropFirst(2))), users[owner] != nil else {
                return notFound
            }
            guard flawed || owner == user else { return notFound }
            return json(#"{"owner":"\#(id)","email":"\#(users[owner]!.email)","orders":[\#(order(owner, 1))]}"#)
        }
        // Orders carry a note their owner may change; the flawed face lets any user change any order.
        let notes = Mutex([String: String]())
        router.get("/orders/{orderId}") { request, context in
            guard let user = caller(request, profile) else { return unauthorized }
            guard let (owner, number) = orderNumber(context.parameters.get("orderId")), flawed || owner == user else {
                return notFound
            }
            return json(order(owner, number, note: notes.withLock { $0["o-\(owner)-\(number)"] }))
        }
        router.put("/orders/{orderId}") { request, context in
            guard let user = caller(request, profile) else { return unauthorized }
            guard let (owner, number) = orderNumber(context.parameters.get("orderId")), flawed || owner == user else {
                return notFound
            }
            let id = "o-\(owner)-\(number)"
            guard let fields = try await object(in: request), fields["orderId"].map({ $0 as? String == id }) ?? true
            else { return status(.badRequest, #"{"error":"a JSON order with its own orderId is expected"}"#) }
            let note = fields["note"] as? String
            notes.withLock { $0[id] = note }
            return json(order(owner, number, note: note))
        }
        router.get("/reports") { request, _ in
            guard flawed || caller(request, profile) != nil else { return unauthorized }
            return json(#"{"reports":[{"month":"2026-10","revenue":18250.5,"refunds":312}]}"#)
        }
        router.get("/invoices") { request, _ in
            let anyBearer = request.headers[.authorization]?.hasPrefix("Bearer ") == true
            guard (flawed && anyBearer) || caller(request, profile) != nil else { return unauthorized }
            return json(#"{"invoices":[{"number":"INV-2026-0042","amount":129.0,"status":"paid"}]}"#)
        }
        router.get("/profile") { request, _ in
            guard let user = caller(request, profile, acceptsUnsigned: flawed) else { return unauthorized }
            return json(#"{"preferences":{"language":"en","newsletter":false},"user":"\#(user)"}"#)
        }
        router.get("/admin/users") { request, _ in
            guard let user = caller(request, profile) else { return unauthorized }
            guard flawed || users[user]?.role == "admin" else { return forbidden }
            return json("[" + users.keys.sorted().map(person).joined(separator: ",") + "]")
        }
        // One user, as an admin sees it; its role can be changed (by anyone, on the flawed face).
        let roles = Mutex([String: String]())
        router.get("/admin/users/{userId}") { request, context in
            guard let user = caller(request, profile) else { return unauthorized }
            guard flawed || users[user]?.role == "admin" else { return forbidden }
            guard let account = account(context.parameters.get("userId")) else { return notFound }
            return json(person(account, role: roles.withLock { $0[account] }))
        }
        router.put("/admin/users/{userId}") { request, context in
            guard let user = caller(request, profile) else { return unauthorized }
            guard flawed || users[user]?.role == "admin" else { return forbidden }
            guard let account = account(context.parameters.get("userId")) else { return notFound }
            guard let fields = try await object(in: request), let role = fields["role"] as? String,
                ["user", "admin"].contains(role)
            else { return status(.badRequest, #"{"error":"a role of user or admin is expected"}"#) }
            roles.withLock { $0[account] = role }
            return json(person(account, role: role))
        }
        router.post("/login") { request, _ in
            let attempts = logins.withLock {
                $0 += 1
                return $0
            }
            if !flawed && attempts > 10 {
                return Response(
                    status: .tooManyRequests, headers: [.retryAfter: "60", .contentType: "application/json"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"error":"slow down"}"#)))
            }
            let body = try await request.body.collect(upTo: 4096)
            guard let fields = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: String],
                let user = fields["username"], users[user] != nil, fields["password"] == "pw-\(user)"
            else { return unauthorized }
            return json(#"{"token":"\#(token(for: user, profile: profile))"}"#)
        }
        // OAuth2 client credentials: the client id is the user, the secret `pw-<user>`;
        // `?lifetime=N` sets expires_in.
        router.post("/oauth/token") { request, _ in
            guard let basic = request.headers[.authorization], basic.hasPrefix("Basic "),
                let decoded = Data(base64Encoded: String(basic.dropFirst(6))).map({
                    String(decoding: $0, as: UTF8.self)
                }),
                case let parts = decoded.split(separator: ":", maxSplits: 1).map(String.init), parts.count == 2,
                users[parts[0]] != nil, parts[1] == "pw-\(parts[0])"
            else { return status(.unauthorized, #"{"error":"invalid_client"}"#) }
            let lifetime = request.uri.queryParameters.get("lifetime").flatMap(Int.init) ?? 3600
            return json(
                #"{"access_token":"\#(token(for: parts[0], profile: profile))","token_type":"Bearer","expires_in":\#(lifetime)}"#
            )
        }
        router.get("/directory") { _, _ in
            let entries = users.keys.sorted().map { user in
                let entry = users[user]!
                return flawed
                    ? #"{"id":"u-\#(user)","name":"\#(entry.name)","email":"\#(entry.email)"}"#
                    : #"{"id":"u-\#(user)","name":"\#(entry.name)"}"#
            }
            return json("[" + entries.joined(separator: ",") + "]")
        }
        router.get("/v2/items") { request, _ in
            guard caller(request, profile) != nil else { return unauthorized }
            return json(#"{"items":[{"sku":"LAMP-01","stock":12}]}"#)
        }
        if flawed {
            router.get("/v1/items") { _, _ in json(#"{"items":[{"sku":"LAMP-01","stock":12,"cost":4.1}]}"#) }
        } else {
            router.get("/v2/stats") { request, _ in
                guard caller(request, profile) != nil else { return unauthorized }
                return json(#"{"items":1,"stock":12}"#)
            }
        }
        return router
    }

    // MARK: Tokens

    /// The user a request's bearer token names, if the token verifies (or, with
    /// `acceptsUnsigned`, if it is unsigned).
    private static func caller(_ request: Request, _ profile: Profile, acceptsUnsigned: Bool = false) -> String? {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return nil }
        let parts = header.dropFirst(7).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let claimBytes = unbase64URL(parts[1]), let headerBytes = unbase64URL(parts[0]),
            let claims = try? JSONSerialization.jsonObject(with: Data(claimBytes)) as? [String: Any],
            let user = claims["sub"] as? String, users[user] != nil
        else { return nil }
        let unsigned = String(decoding: headerBytes, as: UTF8.self).contains(#""none""#)
        if !(unsigned && acceptsUnsigned) {
            guard signature("\(parts[0]).\(parts[1])", profile.secret) == parts[2] else { return nil }
        }
        guard let expiry = claims["exp"] as? Double, expiry > Date().timeIntervalSince1970 else { return nil }
        return user
    }

    private static func signature(_ input: String, _ secret: [UInt8]) -> String {
        Array(HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: secret))).base64URLString
    }

    private static func unbase64URL(_ text: Substring) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }

    // MARK: Bodies

    private static func person(_ user: String) -> String { person(user, role: nil) }

    private static func person(_ user: String, role: String?) -> String {
        let entry = users[user]!
        return
            #"{"id":"u-\#(user)","email":"\#(entry.email)","fullName":"\#(entry.name)","role":"\#(role ?? entry.role)"}"#
    }

    /// The user `id` (`u-alice`) names, if any.
    private static func account(_ id: String?) -> String? {
        guard let id, id.hasPrefix("u-"), users[String(id.dropFirst(2))] != nil else { return nil }
        return String(id.dropFirst(2))
    }

    private static func order(_ user: String, _ number: Int, note: String? = nil) -> String {
        let noted = note.map { #","note":"\#($0.replacingOccurrences(of: "\"", with: ""))""# } ?? ""
        return
            #"{"orderId":"o-\#(user)-\#(number)","owner":"u-\#(user)","total":\#(number * 17).5,"items":\#(number)\#(noted)}"#
    }

    /// The owner and number an order id (`o-alice-2`) names, if any.
    private static func orderNumber(_ id: String?) -> (String, Int)? {
        let parts = (id ?? "").split(separator: "-")
        guard parts.count == 3, parts[0] == "o", users[String(parts[1])] != nil, let number = Int(parts[2]) else {
            return nil
        }
        return (String(parts[1]), number)
    }

    /// The JSON object `request` carries, if it carries one.
    private static func object(in request: Request) async throws -> [String: Any]? {
        let body = try await request.body.collect(upTo: 4096)
        return try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
    }

    private static let unauthorized = status(.unauthorized, #"{"error":"authentication required"}"#)
    private static let forbidden = status(.forbidden, #"{"error":"forbidden"}"#)
    private static let notFound = status(.notFound, #"{"error":"not found"}"#)

    private static func status(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    private static func json(_ body: String) -> Response { status(.ok, body) }
}
