import ScantrailApp
import ScantrailCore
import Testing

@Suite("The configuration file")
struct AppConfigurationTests {
    private func refusal(_ yaml: String) -> String? {
        do {
            _ = try AppConfiguration(yaml: yaml, path: "scantrail.yml")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("an empty file keeps every documented default")
    func defaults() throws {
        let configuration = try AppConfiguration(yaml: "{}", path: "scantrail.yml")
        #expect(configuration.sla.critical == 7 && configuration.sla.high == 30)
        #expect(configuration.sla.medium == 90 && configuration.sla.low == 180)
        #expect(configuration.retentionDays == 400)
        #expect(configuration.identities.isEmpty)
    }

    @Test("a configuration file of nested aliases is refused before it is expanded")
    func aliasBomb() {
        var lines = ["x-0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1..<10 {
            lines.append(
                "x-\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]"
            )
        }
        let reason = refusal(lines.joined(separator: "\n") + "\nidentities: *l9\n")
        #expect(reason == "config file scantrail.yml holds more than 2000000 values once its aliases are expanded")
    }

    @Test("SLA days given replace only their own severity")
    func partialSLA() throws {
        let configuration = try AppConfiguration(yaml: "sla:\n  high: 10\nretentionDays: 120\n", path: "scantrail.yml")
        #expect(configuration.sla.high == 10 && configuration.sla.critical == 7)
        #expect(configuration.retentionDays == 120)
    }

    @Test(
        "values no policy can hold are refused with the file's name",
        arguments: [
            ("sla: [1, 2]\n", "config file scantrail.yml is not valid: sla"),
            ("sla:\n  high: 0\n", "config file scantrail.yml: SLA days must be positive"),
            ("retentionDays: 30\n", "config file scantrail.yml: retentionDays must be at least 90"),
        ])
    func refused(yaml: String, message: String) {
        #expect(refusal(yaml)?.contains(message) == true, "\(refusal(yaml) ?? "accepted")")
    }

    @Test("identities read their secrets from the environment, and an unset variable is named")
    func environment() throws {
        let configuration = try AppConfiguration(
            yaml: """
                identities:
                  - name: alice
                    bearer: ${ALICE_TOKEN}
                  - name: ops
                    role: admin
                    header: "X-Key: pre-${OPS_KEY}-post"
                """, path: "scantrail.yml")
        let sources = try configuration.identitySources(environment: ["ALICE_TOKEN": "a1", "OPS_KEY": "k"])
        guard case .given(let alice) = sources[0], case .given(let ops) = sources[1] else {
            Issue.record("given credentials should be ready")
            return
        }
        #expect(alice.credential == .header(name: "Authorization", value: "Bearer a1"))
        #expect(ops.credential == .header(name: "X-Key", value: "pre-k-post") && ops.role == "admin")
        #expect(throws: AppError.invalid("identity alice: environment variable ALICE_TOKEN is not set")) {
            try configuration.identitySources(environment: ["OPS_KEY": "k"])
        }
    }

    @Test("an identity with none or two credentials, or a malformed login recipe, is refused")
    func malformedIdentities() throws {
        let cases = [
            ("identities:\n  - name: a\n", "give exactly one of"),
            ("identities:\n  - name: a\n    bearer: x\n    basic: a:b\n", "give exactly one of"),
            (
                "identities:\n  - name: a\n    login:\n      url: /login\n      token: body:token\n",
                "login token is json:PATH, header:NAME or cookie:NAME"
            ),
            (
                "identities:\n  - name: a\n    login:\n      url: /login\n      token: json:token\n      use: query\n",
                "login use is bearer, header:NAME or cookie:NAME"
            ),
        ]
        for (yaml, message) in cases {
            let configuration = try AppConfiguration(yaml: yaml, path: "scantrail.yml")
            let error = appError { _ = try configuration.identitySources(environment: [:]) }
            #expect(error?.description.contains(message) == true, "\(yaml)")
        }
    }

    @Test("OAuth2 and login identities obtain their credential when the scan starts, not when the file is read")
    func obtained() throws {
        let configuration = try AppConfiguration(
            yaml: """
                identities:
                  - name: ci
                    oauth2: {tokenURL: /oauth/token, clientID: ci, clientSecret: "${SECRET}"}
                """, path: "scantrail.yml")
        let sources = try configuration.identitySources(environment: ["SECRET": "s"])
        guard case .obtained(let name, let role, _) = sources[0] else {
            Issue.record("an OAuth2 identity is obtained")
            return
        }
        #expect(name == "ci" && role == "user")
    }
}
