import Foundation
import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("Secrets judged per documented operation: an operation's answers are one outcome per rule")
struct SecretsPerOperationTests {
    static func answer(_ path: String, _ body: String, operation: String?) -> SecretsCheck.Inspected {
        var inspected = SecretsCheck.inspect(method: "GET", path: path, body: Data(body.utf8))
        inspected.operation = operation
        return inspected
    }

    static func evaluate(_ inspected: [SecretsCheck.Inspected]) -> [Outcome] {
        SecretsCheck().evaluate(SecretsCheck.Evidence(origin: HandBuilt.origin, inspected: inspected, notInspected: 0))
    }

    @Test("two users' answers of GET /users/{id} make one finding there, each answer's path leading its detail")
    func grouped() throws {
        let outcomes = Self.evaluate([
            Self.answer("/users/u-1", #"{"id":"u-1","password":"hunter2-but-longer"}"#, operation: "GET /users/{id}"),
            Self.answer(
                "/users/u-2", #"{"id":"u-2","password":"correct-horse-battery"}"#, operation: "GET /users/{id}"),
            Self.answer("/users/u-3", #"{"id":"u-3"}"#, operation: "GET /users/{id}"),
        ])
        let sensitive = outcomes.filter { $0.ruleID == SecretsCheck.Rules.sensitiveField.id }
        #expect(sensitive.count == 1)
        let finding = try #require(sensitive.first)
        #expect(finding.status == .failed && finding.location.path == "/users/{id}" && finding.location.method == "GET")
        #expect(finding.detail.hasPrefix("/users/u-1: 1 found: ") && finding.detail.contains("; /users/u-2: 1 found: "))
        #expect(outcomes.count == 3, "one outcome per rule")
    }

    @Test("an answer no documented operation matches keeps its own path, as without a description")
    func undocumented() {
        let outcomes = Self.evaluate([
            Self.answer("/debug", #"{"api_key":"sk_live_51H8q2LkZx7Pq9Rm3Vt6Yw1Nb"}"#, operation: nil)
        ])
        #expect(outcomes.allSatisfy { $0.location.path == "/debug" && !$0.detail.hasPrefix("/debug:") })
        #expect(outcomes.contains { $0.status == .failed })
    }
}
