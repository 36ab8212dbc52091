import Foundation
import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("Secrets recognised in response bodies, and judged")
struct SecretPatternTests {
    @Test(
        "each kind of secret is recognised and kept masked",
        arguments: [
            (#"{"key": "AKIAIOSFODNN7EXAMPLE"}"#, "credential", "AWS access key"),
            ("-----BEGIN RSA PRIVATE KEY-----\nMIIE", "credential", "private key"),
            (#"token=ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R"#, "credential", "GitHub token"),
            (
                #"{"hash": "$2b$12$KIXQJ7rQ9v8bZ9yVxJZkUOeA1m3lqZrWm8wV8y3Z4hX6i2nQpL1aS"}"#, "password-hash",
                "bcrypt hash"
            ),
            (#"{"password": "hunter2-long"}"#, "sensitive-field", "password field"),
            (#"{"ssn": "078-05-1120"}"#, "sensitive-field", "social security number"),
        ])
    func recognised(body: String, kind: String, name: String) {
        let matches = SecretsCheck.matches(in: body)
        let match = matches.first { $0.kind == kind && $0.name == name }
        #expect(match != nil, "\(matches)")
        #expect(match.map { body.contains($0.masked) } == false)
    }

    @Test(
        "look-alikes without the entropy of a real secret, and ordinary JSON, are not secrets",
        arguments: [
            #"{"key": "AKIAAAAAAAAAAAAAAAAA"}"#, #"{"status": "ok", "count": 3}"#, #"{"password": ""}"#,
            #"{"passwordPolicy": "at least 12 characters"}"#,
        ])
    func notSecrets(body: String) {
        #expect(SecretsCheck.matches(in: body).isEmpty)
    }

    @Test("each response inspected passes or fails each kind on its own; the count and names are told")
    func judged() {
        let inspected = [
            SecretsCheck.inspect(method: "GET", path: "/config", body: Data(#"{"key": "AKIAIOSFODNN7EXAMPLE"}"#.utf8)),
            SecretsCheck.inspect(method: "GET", path: "/health", body: Data()),
        ]
        let outcomes = SecretsCheck().evaluate(.init(origin: HandBuilt.origin, inspected: inspected, notInspected: 0))
        let config = outcomes.filter { $0.location.path == "/config" }
        #expect(config.first { $0.ruleID == "secrets.credential-in-response" }?.status == .failed)
        #expect(
            config.first { $0.ruleID == "secrets.credential-in-response" }?.detail.hasPrefix(
                "1 found: AWS access key AKIA") == true)
        #expect(config.filter { $0.ruleID != "secrets.credential-in-response" }.allSatisfy { $0.status == .passed })
        #expect(outcomes.filter { $0.location.path == "/health" }.allSatisfy { $0.status == .passed })
    }
}
