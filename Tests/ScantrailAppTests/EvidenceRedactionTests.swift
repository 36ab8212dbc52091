import Foundation
import HTTPTypes
import Hummingbird
import ScantrailApp
import ScantrailCore
import ScantrailDemo
import ScantrailReports
import Testing

@Suite("Evidence never carries a secret, whichever check kept it")
struct EvidenceRedactionTests {
    static let accessKey = "AKIAIOSFODNN7EXAMPLE"
    static let secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let keyBody = "MIIEowIBAAKCAQEAx3ODs0mGm2sT8Zq1o9wF3eK7yB0vQ"
    static let password = "Tr0ub4dor-3xyz"

    /// An API that leaks a cloud key pair, a private key and its caller's password on several operations.
    static func leakyAPI() -> Router<BasicRequestContext> {
        let leak = """
            {"aws_access_key_id": "\(accessKey)", "aws_secret_access_key": "\(secretKey)",
             "private_key": "-----BEGIN RSA PRIVATE KEY-----\\n\(keyBody)\\n-----END RSA PRIVATE KEY-----",
             "owner": {"name": "alice", "password": "\(password)"}}
            """
        let router = Router()
        router.get("/openapi.json") { _, _ in
            """
            {"openapi": "3.0.3", "info": {"title": "leaky", "version": "1"},
             "components": {"securitySchemes": {"basic": {"type": "http", "scheme": "basic"}}},
             "security": [{"basic": []}],
             "paths": {"/config": {"get": {"responses": {"200": {"description": "ok"}}}},
                       "/me": {"get": {"responses": {"200": {"description": "ok"}}}},
                       "/debug/vars": {"get": {"responses": {"200": {"description": "ok"}}}}}}
            """
        }
        for path in ["/", "/config", "/me", "/debug/vars", "/.env"] {
            router.get(RouterPath(path)) { _, _ in
                Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: leak)))
            }
        }
        return router
    }

    @Test("no report and no byte of the store holds the cloud keys, the private key or the identity's password")
    func nothingLeaks() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "scantrail-leak-\(UUID().uuidString)")
        let store = StoreSettings(location: .sqlite(path: folder.appendingPathComponent("trail.db").path), actor: "t")
        let identity = try IdentitySource(parsing: "alice=basic:alice:\(Self.password)")
        let result = try await LocalHTTPServer.withRunning(Self.leakyAPI()) { port in
            let request = ScanRequest(
                target: ScanTarget(scheme: "http", host: "127.0.0.1", port: port),
                description: .location(.url("http://127.0.0.1:\(port)/openapi.json")), identities: [identity],
                store: store,
                failOn: .none)
            return try await ScanSession.withSession(request) { session in
                let result = try await session.run()
                _ = try await session.record(result)
                return result
            }
        }
        // The secrets check still says what it found, masked.
        #expect(result.findings.contains { $0.ruleID == "secrets.credential-in-response" })
        var kept = try JSONReportRenderer().render(result)
        kept.append(Data(TextReportRenderer().render(result).utf8))
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            kept.append(try Data(contentsOf: folder.appendingPathComponent(file)))
        }
        let basic = Data("alice:\(Self.password)".utf8).base64EncodedString()
        for secret in [Self.accessKey, Self.secretKey, Self.keyBody, Self.password, basic] {
            #expect(kept.range(of: Data(secret.utf8)) == nil, "\(secret.prefix(6))… was kept")
        }
    }

    @Test("secret shapes keep four characters; known secrets go whole; ordinary text is left alone")
    func shapes() {
        let redactor = EvidenceRedactor.standard(knownSecrets: ["s3cr3t-value", "abc"])
        #expect(redactor.redact("key \(Self.accessKey) end") == "key AKIA…[REDACTED] end")
        #expect(redactor.redact("token=s3cr3t-value;") == "token=[REDACTED];")
        #expect(redactor.redact("abc is too short to look for") == "abc is too short to look for")
        let pem = "-----BEGIN PRIVATE KEY-----\n\(Self.keyBody)\n-----END PRIVATE KEY-----"
        #expect(!redactor.redact(pem).contains(Self.keyBody))
        let forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9."
        #expect(redactor.redact("Bearer \(forged)") == "Bearer eyJh…[REDACTED]")
        #expect(redactor.redact(#"{"password": "hunter2-long"}"#) == #"{"password": "hunt…[REDACTED]"}"#)
        #expect(
            redactor.redact("{\"status\": \"ok\", \"items\": [1, 2, 3]}")
                == "{\"status\": \"ok\", \"items\": [1, 2, 3]}")
    }

    @Test("redacting twice changes nothing more, and every string of a JSON value is redacted")
    func idempotent() {
        let redactor = EvidenceRedactor.standard()
        let once = redactor.redact(JSONValue.object(["a": .array([.string("x \(Self.accessKey)"), .number(1)])]))
        #expect(redactor.redact(once) == once)
        #expect(once == .object(["a": .array([.string("x AKIA…[REDACTED]"), .number(1)])]))
    }
}
