import Foundation
import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import ScantrailHTTP
import Testing

@Suite("Secrets and sensitive data in any response the scan sees, always masked")
struct SecretsCheckTests {
    static let hash = "$2b$12$" + String(repeating: "aB3./x9Q", count: 7).prefix(53)
    static let awsKey = "AKIAQ7XK2M4PLW9ZRT5B"
    static let stripeKey = "sk_live_51H8q2LkZx7Pq9Rm3Vt6Yw1Nb"

    /// An API that leaks at its base URL, and keeps a `.env` that only the exposure check fetches.
    static func leaky() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { _, _ in
            let body = #"{"users":[{"id":1,"password_hash":"\#(hash)","ssn":"123-45-6789"}],"key":"\#(awsKey)"}"#
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/.env") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "APP_ENV=prod\nSTRIPE_KEY=\(stripeKey)\n")))
        }
        return router
    }

    @Test("leaks at the base URL are found under each rule, masked")
    func baseURL() async throws {
        let outcomes = try await CheckHarness.outcomes(of: SecretsCheck(), servedBy: Self.leaky())
        #expect(
            outcomes.statuses == [
                "secrets.credential-in-response": .failed, "secrets.password-hash-in-response": .failed,
                "secrets.sensitive-field-in-response": .failed,
            ])
        let text = outcomes.map(\.detail).joined(separator: " ")
        #expect(text.contains("AWS access key AKIA"))
        #expect(
            !text.contains(Self.awsKey) && !text.contains(String(Self.hash.dropFirst(10)))
                && !text.contains("123-45-6789"))
    }

    @Test("a secret in a response another check received is found there, once the others are done")
    func responsesOfOtherChecks() async throws {
        let result = try await LocalHTTPServer.withRunning(Self.leaky()) { port in
            try await HTTPClientProbe.withProbe(configuration: ScanConfiguration()) { probe in
                // Listed first, the secrets check must still run after the exposure check.
                try await ScanEngine(
                    checks: [SecretsCheck(), ExposureCheck()], configuration: ScanConfiguration(), http: probe,
                    redactor: .standard()
                )
                .run(ScanTarget(scheme: "http", host: "127.0.0.1", port: port))
            }
        }
        let env = try #require(
            result.findings.first { $0.ruleID == "secrets.credential-in-response" && $0.location.path == "/.env" })
        #expect(env.detail.contains("Stripe secret key sk_l"))
        #expect(!env.detail.contains(Self.stripeKey))
    }

    @Test("a hardened API passes every rule")
    func hardened() async throws {
        let outcomes = try await CheckHarness.outcomes(of: SecretsCheck(), servedBy: DemoAPI.router(.hardened))
        #expect(outcomes.count == 3)
        #expect(outcomes.allSatisfy { $0.status == .passed })
    }
}
