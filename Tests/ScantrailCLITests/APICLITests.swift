import Crypto
import Foundation
import ScantrailDemo
import Testing

@Suite("scan --openapi with identities, and inventory, run as a user runs them")
struct APICLITests {
    static let checks = [
        "--check", "auth.authentication", "--check", "authz.access-control", "--check", "auth.jwt-posture",
    ]

    @Test("flags name the identities; findings come back, and no token appears in the report or on stderr")
    func scanWithIdentities() async throws {
        let alice = AccountsAPI.token(for: "alice", profile: .flawed)
        let bob = AccountsAPI.token(for: "bob", profile: .flawed)
        try await LocalHTTPServer.withRunning(AccountsAPI.router(.flawed)) { port in
            let run = try await Scantrail.run(
                [
                    "scan", "http://127.0.0.1:\(port)/", "--openapi", "http://127.0.0.1:\(port)/openapi.json",
                    "--identity", "alice:user=bearer:\(alice)", "--identity", "bob:user=bearer:\(bob)", "--no-store",
                    "--format", "json",
                ] + Self.checks)
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stderr.contains("17 operations from http://127.0.0.1:\(port)/openapi.json (OpenAPI 3.0.3)"))
            let report = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let limits = (report["configuration"] as? [String: Any])?["limits"] as? [String: Any]
            #expect(limits?["requestBudget"] as? Int == 1000 + 30 * 17, "the budget grows with the operations")
            let findings = try #require(report["findings"] as? [[String: Any]])
            let rules = Set(findings.compactMap { $0["ruleId"] as? String })
            #expect(rules.isSuperset(of: ["auth.unauthenticated-access", "authz.bola", "jwt.weak-secret"]))
            let signature = String(alice.split(separator: ".")[2])
            #expect(!run.stdout.contains(signature) && !run.stderr.contains(signature))
        }
    }

    @Test("identities from the config file find the description at /openapi.json on their own")
    func discovery() async throws {
        let token = AccountsAPI.token(for: "root", profile: .hardened)
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("ids-\(UUID()).yaml").path
        try "identities:\n  - name: root\n    role: admin\n    bearer: \(token)\n".write(
            toFile: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: config) }
        try await LocalHTTPServer.withRunning(AccountsAPI.router(.hardened)) { port in
            let run = try await Scantrail.run(
                [
                    "scan", "http://127.0.0.1:\(port)/", "--config", config, "--no-store", "--check",
                    "auth.authentication",
                ])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("operations from http://127.0.0.1:\(port)/openapi.json"))
        }
    }

    @Test("config identities get their tokens from the API: OAuth2 client credentials and a login recipe")
    func obtainedTokens() async throws {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("ids-\(UUID()).yaml").path
        try """
        identities:
          - name: alice
            oauth2: { tokenURL: /oauth/token, clientID: alice, clientSecret: "${SCANTRAIL_TEST_ALICE_SECRET}" }
          - name: bob
            login:
              url: /login
              body: '{"username": "bob", "password": "pw-bob"}'
              token: json:token
        """.write(toFile: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: config) }
        try await LocalHTTPServer.withRunning(AccountsAPI.router(.flawed)) { port in
            let run = try await Scantrail.run(
                [
                    "scan", "http://127.0.0.1:\(port)/", "--config", config, "--no-store", "--format", "json",
                    "--check", "authz.access-control", "--timeout", "60",
                ], environment: ["SCANTRAIL_TEST_ALICE_SECRET": "pw-alice"])
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stdout.contains("\"ruleId\" : \"authz.bola\""))
        }
    }

    @Test("a missing description, a malformed identity and an unset variable are exit status 2")
    func badInput() async throws {
        let missing = try await Scantrail.run([
            "scan", "http://127.0.0.1:1/", "--openapi", "/nonexistent/api.yaml", "--no-store",
        ])
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/api.yaml: cannot read the file"))
        let malformed = try await Scantrail.run(["scan", "http://127.0.0.1:1/", "--identity", "alice", "--no-store"])
        #expect(malformed.status == 2 && malformed.stderr.contains("NAME[:ROLE]=KIND:VALUE"))
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("ids-\(UUID()).yaml").path
        try "identities:\n  - name: ci\n    bearer: ${SCANTRAIL_TEST_UNSET_TOKEN}\n".write(
            toFile: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: config) }
        let unset = try await Scantrail.run(["scan", "http://127.0.0.1:1/", "--config", config, "--no-store"])
        #expect(unset.status == 2 && unset.stderr.contains("SCANTRAIL_TEST_UNSET_TOKEN is not set"), "\(unset.stderr)")
    }

    @Test("--jwt-wordlist adds key candidates: a key only the file holds is found and told by the file's path")
    func jwtWordlist() async throws {
        let input = ["{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"sub\":\"alice\",\"exp\":4102444800}"].map {
            Data($0.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        }.joined(separator: ".")
        let key = SymmetricKey(data: Data("orchid-7731-lantern".utf8))
        let signature = Data(HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: key)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let words = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID()).txt").path
        try "tulip\norchid-7731-lantern\n".write(toFile: words, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: words) }
        try await LocalHTTPServer.withRunning(AccountsAPI.router(.hardened)) { port in
            let scan = [
                "scan", "http://127.0.0.1:\(port)/", "--openapi", "http://127.0.0.1:\(port)/openapi.json",
                "--identity", "alice:user=bearer:\(input).\(signature)", "--check", "auth.jwt-posture", "--no-store",
                "--format", "json",
            ]
            func weakSecret(_ run: Scantrail.Run) -> [String] {
                let report = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any]
                return ((report?["findings"] as? [[String: Any]]) ?? []).filter {
                    $0["ruleId"] as? String == "jwt.weak-secret"
                }
                .compactMap { $0["detail"] as? String }
            }
            let without = try await Scantrail.run(scan)
            #expect(weakSecret(without).isEmpty, "\(without.stderr)")
            let with = try await Scantrail.run(scan + ["--jwt-wordlist", words])
            #expect(weakSecret(with) == ["HS256 key is a candidate of the dictionary (\(words))"], "\(with.stderr)")
            #expect(!with.stdout.contains("orchid-7731-lantern") && !with.stderr.contains("orchid-7731-lantern"))
            let missing = try await Scantrail.run(scan + ["--jwt-wordlist", "/nonexistent/keys.txt"])
            #expect(
                missing.status == 2 && missing.stderr.contains("jwt-wordlist '/nonexistent/keys.txt' does not exist"))
        }
    }

    @Test("inventory lists each operation, its security and the request the checks would send")
    func inventory() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("accounts-\(UUID()).json").path
        try AccountsAPI.document.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try await Scantrail.run(["inventory", file])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Accounts API 2.1.0 (OpenAPI 3.0.3)"))
        #expect(run.stdout.contains("GET /orders/{orderId}"))
        #expect(run.stdout.contains("    sent as GET /orders/scantrail"), "no example: a harmless stand-in")
        #expect(run.stdout.contains("17 operations, 14 secured"))
    }
}
