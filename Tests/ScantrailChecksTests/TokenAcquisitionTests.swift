import Foundation
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import Testing

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
            await #expect {
                try await recipe("wrong").identity(name: "bob", role: "user", configuration: ScanConfiguration())
            } throws: { error in
                "\(error)" == "http://127.0.0.1:\(port)/login answered 401 instead of a credential"
            }
        }
    }
}
