import Foundation
import HTTPTypes
import Hummingbird
import ScantrailCore
import ScantrailDemo
import ScantrailTestSupport
import Testing

@testable import ScantrailChecks

@Suite("Identities that obtain their credential from the API itself")
struct TokenAcquisitionTests {
    /// The claims segment of a JWT, decoded.
    func claims(of token: String) -> String {
        var segment = String(token.split(separator: ".")[1]).replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        segment += String(repeating: "=", count: (4 - segment.count % 4) % 4)
        return Data(base64Encoded: segment).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    @Test("OAuth2 client credentials: the token endpoint is called for real, and again once the token expires")
    func clientCredentials() async throws {
        try await LocalHTTPServer.withRunning(AccountsAPI.router(.hardened)) { port in
            let acquisition = TokenAcquisition.clientCredentials(
                tokenURL: "http://127.0.0.1:\(port)/oauth/token?lifetime=60", clientID: "alice",
                clientSecret: "pw-alice", scope: "orders")
            let alice = try await acquisition.identity(name: "alice", role: "user", configuration: ScanConfiguration())
            #expect(claims(of: alice.credential.token).contains(#""sub":"alice""#))
            let renewal = try #require(alice.renewal)
            #expect(try await alice.currentCredential() == alice.credential)
            #expect(renewal.renewalCount == 0)
            let later = try await renewal.current(now: Date().addingTimeInterval(55))
            #expect(renewal.renewalCount == 1, "within the last tenth of its lifetime, the token is fetched again")
            #expect(later.summary == "header Authorization")
        }
    }

    @Test("a login recipe reads the token from the JSON answer; wrong credentials fail, naming the status")
    func login() async throws {
        try await LocalHTTPServer.withRunning(AccountsAPI.router(.flawed)) { port in
            func recipe(_ password: String) -> TokenAcquisition {
                .login(
                    method: "POST", url: "http://127.0.0.1:\(port)/login",
                    body: #"{"username":"bob","password":"\#(password)"}"#, contentType: "application/json",
                    token: .json("token"), use: .bearer)
            }
            let bob = try await recipe("pw-bob").identity(name: "bob", role: "user", configuration: ScanConfiguration())
            #expect(claims(of: bob.credential.token).contains(#""sub":"bob""#))
            #expect(bob.account == "bob", "the account it signs in with, for account enumeration")
            await #expect {
                try await recipe("wrong").identity(name: "bob", role: "user", configuration: ScanConfiguration())
            } throws: { error in
                "\(error)" == "http://127.0.0.1:\(port)/login answered 401 instead of a credential"
            }
        }
    }
}

@Suite("A login recipe's account name is its body's email, username, user or login field")
struct LoginAccountTests {
    @Test("JSON and form bodies are read; client credentials have none")
    func account() {
        func recipe(_ body: String?, _ type: String = "application/json") -> TokenAcquisition {
            .login(method: "POST", url: "/login", body: body, contentType: type, token: .json("token"), use: .bearer)
        }
        #expect(recipe(#"{"Email":"cleo@example.test","password":"p"}"#).account == "cleo@example.test")
        #expect(recipe("login=cleo%40x.test&password=p", "application/x-www-form-urlencoded").account == "cleo@x.test")
        #expect(recipe(#"{"password":"p"}"#).account == nil)
        #expect(recipe(nil).account == nil)
        #expect(
            TokenAcquisition.clientCredentials(tokenURL: "/t", clientID: "c", clientSecret: "s", scope: nil).account
                == nil)
    }
}

@Suite("Login recipes find the token where the recipe says, and use it as the recipe says")
struct LoginRecipeTests {
    /// A login endpoint that answers with a token in a nested JSON member, a header and a cookie.
    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/session") { _, _ in
            Response(
                status: .ok,
                headers: [
                    .contentType: "application/json", HTTPField.Name("X-Session-Token")!: "hdr-123",
                    .setCookie: "sid=ck-456; Path=/; HttpOnly",
                ],
                body: .init(byteBuffer: ByteBuffer(string: #"{"data":{"token":"js-789"},"expires_in":120}"#)))
        }
        router.post("/empty") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: "{}")))
        }
        return router
    }

    func fetch(
        _ port: Int, path: String = "/session", _ source: TokenAcquisition.TokenSource, _ use: TokenAcquisition.TokenUse
    )
        async throws -> Identity
    {
        try await TokenAcquisition.login(
            method: "POST", url: "http://127.0.0.1:\(port)\(path)", body: nil, contentType: "application/json",
            token: source, use: use
        ).identity(name: "carol", role: "user", configuration: ScanConfiguration())
    }

    @Test("a dot path reaches into the JSON, and expires_in schedules the renewal")
    func nestedJSON() async throws {
        try await LocalHTTPServer.withRunning(Self.router()) { port in
            let carol = try await fetch(port, .json("data.token"), .bearer)
            #expect(carol.credential == .header(name: "Authorization", value: "Bearer js-789"))
            let renewal = try #require(carol.renewal)
            _ = try await renewal.current(now: Date().addingTimeInterval(60))
            #expect(renewal.renewalCount == 0, "half-way through its 120 s, the token is still fresh")
            _ = try await renewal.current(now: Date().addingTimeInterval(115))
            #expect(renewal.renewalCount == 1, "in the last tenth of its lifetime, it is fetched again")
        }
    }

    @Test("a token from a response header is sent in a header of the recipe's choosing")
    func header() async throws {
        try await LocalHTTPServer.withRunning(Self.router()) { port in
            let carol = try await fetch(port, .header("X-Session-Token"), .header("X-Auth"))
            #expect(carol.credential == .header(name: "X-Auth", value: "hdr-123"))
        }
    }

    @Test("a token set as a cookie is sent back as that cookie, its attributes left out")
    func cookie() async throws {
        try await LocalHTTPServer.withRunning(Self.router()) { port in
            let carol = try await fetch(port, .cookie("sid"), .cookie("sid"))
            #expect(carol.credential == .cookie(name: "sid", value: "ck-456"))
        }
    }

    @Test("an answer without the token where the recipe says fails, saying so")
    func missing() async throws {
        try await LocalHTTPServer.withRunning(Self.router()) { port in
            await #expect {
                try await fetch(port, path: "/empty", .json("data.token"), .bearer)
            } throws: { error in
                "\(error)" == "http://127.0.0.1:\(port)/empty answered without the token where the recipe says"
            }
        }
    }

    @Test("a token endpoint nobody listens on fails with the transport's reason")
    func unreachable() async throws {
        try await ClosedPort.withReserved { port in
            await #expect {
                try await fetch(port, .json("token"), .bearer)
            } throws: { error in
                "\(error)".hasPrefix("http://127.0.0.1:\(port)/session: connection-refused")
            }
        }
    }
}
