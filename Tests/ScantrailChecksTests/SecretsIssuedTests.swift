import Foundation
import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("The credential a login or token operation issues, in its own answer, is not a leak")
struct SecretsIssuedTests {
    static let jwt =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTk5OTk5OTk5OX0."
        + "Qm9v7xK2pLw9ZrT5bN3cVd8fGh1JkLmNoPqRsTuVwXy"

    static func outcomes(_ method: String, _ path: String, _ body: String) -> [Outcome] {
        let inspected = SecretsCheck.inspect(method: method, path: path, body: Data(body.utf8))
        return SecretsCheck().evaluate(
            SecretsCheck.Evidence(origin: "https://api.example.com", inspected: [inspected], notInspected: 0))
    }

    @Test("a login answer's access token passes, and the evidence still names it, masked")
    func loginAnswer() throws {
        let outcomes = Self.outcomes("POST", "/login", #"{"access_token":"\#(Self.jwt)","token_type":"Bearer"}"#)
        #expect(outcomes.allSatisfy { $0.status == .passed }, "\(outcomes.map(\.detail))")
        let credential = try #require(outcomes.first { $0.ruleID == "secrets.credential-in-response" })
        #expect(credential.detail.hasPrefix("only what this login or token operation issues: JSON Web Token eyJh"))
        #expect(!credential.detail.contains(Self.jwt))
    }

    @Test("another credential beside the issued one, or a token served to a GET, is still a leak")
    func stillLeaks() {
        let beside = Self.outcomes(
            "POST", "/login", #"{"data":{"token":"\#(Self.jwt)"},"debug":{"aws":"AKIAQ7XK2M4PLW9ZRT5B"}}"#)
        let credential = beside.first { $0.ruleID == "secrets.credential-in-response" }
        #expect(credential?.status == .failed && credential?.detail.contains("AWS access key") == true)
        #expect(credential?.detail.contains("JSON Web Token") == false)
        let served = Self.outcomes("GET", "/users/7", #"{"id":7,"access_token":"\#(Self.jwt)"}"#)
        #expect(served.filter { $0.status == .failed }.count == 2, "\(served.map(\.detail))")
    }
}
