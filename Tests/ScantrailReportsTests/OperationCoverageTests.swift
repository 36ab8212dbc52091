import Foundation
import ScantrailCore
import Testing

@testable import ScantrailReports

@Suite("Coverage by operation: which checks judged each operation, as whom, with what outcome")
struct OperationCoverageTests {
    static let origin = "http://127.0.0.1:8080"
    static let rule = SampleResult.banner

    static func place(_ method: String, _ path: String) -> Location {
        Location(origin: origin, method: method, path: path)
    }

    static func run(_ checkID: String, _ outcomes: [Outcome]) -> CheckRun {
        CheckRun(
            checkID: checkID, title: checkID, status: .completed, startedAt: SampleResult.start,
            durationMilliseconds: 1, requestsSent: 1, outcomes: outcomes, evidence: nil, reason: nil)
    }

    static func result(_ runs: [CheckRun]) -> ScanResult {
        ScanResult(
            scanner: ScannerInfo(name: "scantrail", version: "0.1.0"), catalogue: RuleCatalogue(rules: [rule]),
            configuration: ScanConfiguration(), target: ScanTarget(scheme: "http", host: "127.0.0.1", port: 8080),
            startedAt: SampleResult.start, finishedAt: SampleResult.start, completion: .complete, requestsSent: 2,
            checks: runs)
    }

    @Test("a host-wide finding speaks for each place it lists; the gravest outcome and every identity are kept")
    func hostWide() throws {
        let orders = Self.place("GET", "/orders")
        let me = Self.place("GET", "/me")
        let host = Location(origin: Self.origin, method: nil, path: "/*")
        let headers = Self.run(
            "headers.security",
            [
                Outcome(
                    ruleID: Self.rule.id, status: .failed, location: host, detail: "everywhere", places: [orders, me],
                    sentAs: ["alice", "anonymous"])
            ])
        let cors = Self.run(
            "cors.policy",
            [
                Outcome(ruleID: Self.rule.id, status: .passed, location: me, detail: "", sentAs: ["bob"]),
                Outcome(ruleID: Self.rule.id, status: .inconclusive, location: me, detail: "", sentAs: ["alice"]),
            ])
        let coverage = OperationCoverage.of(Self.result([headers, cors]))
        #expect(coverage.map(\.operation) == ["GET /me", "GET /orders"])
        let atMe = try #require(coverage.first)
        #expect(
            atMe.judgements.map(\.summary) == [
                "headers.security failed (host-wide; as alice, anonymous)", "cors.policy passed (as alice, bob)",
            ])
        #expect(CheckCoverage(headers).operations == 2, "the places a host-wide outcome lists are counted")
    }

    @Test("a host-wide finding that keeps as whom each place was asked names only those at each operation")
    func hostWidePerPlace() throws {
        let products = Self.place("GET", "/products")
        let me = Self.place("GET", "/me")
        let host = Location(origin: Self.origin, method: nil, path: "/*")
        let folded = Outcome(ruleID: Self.rule.id, status: .failed, location: host, detail: "")
            .spanning([products, me], sentAs: [["anonymous"], ["cleo"]], at: host, "everywhere")
        #expect(folded.sentAs == ["anonymous", "cleo"], "the union, as before")
        let coverage = OperationCoverage.of(Self.result([Self.run("headers.security", [folded])]))
        #expect(
            coverage.map(\.summary) == [
                "headers.security failed (host-wide; as cleo)", "headers.security failed (host-wide; as anonymous)",
            ])
    }

    @Test("places without a method (a TLS port, the host as such) are no operations")
    func noMethod() {
        let tls = Self.run(
            "tls.configuration", [.passed(Self.rule, at: Location(origin: Self.origin, method: nil, path: "/"), "")])
        #expect(OperationCoverage.of(Self.result([tls])).isEmpty)
    }

    @Test("with a description, each check counts the documented operations it judged, and none goes unlisted")
    func documented() throws {
        let cors = Self.run(
            "cors.policy",
            [
                .passed(Self.rule, at: Self.place("GET", "/orders"), ""),
                .failed(Self.rule, at: Self.place("GET", "/partner/feed"), ""),
                .inconclusive(Self.rule, at: Self.place("PUT", "/orders/{orderId}"), "passive mode"),
            ])
        var result = Self.result([cors])
        result.documentedOperations = ["GET /orders", "GET /partner/feed", "PUT /orders/{orderId}"]
        let check = try #require(CheckCoverage.of(result).first)
        #expect(check.placesJudged == "2 (2 of 3 documented operations)", "an inconclusive outcome judged nothing")
        let coverage = OperationCoverage.of(result)
        #expect(coverage.map(\.operation) == ["GET /orders", "GET /partner/feed", "PUT /orders/{orderId}"])
        #expect(coverage.last?.summary == "cors.policy inconclusive")
        result.documentedOperations?.append("DELETE /orders/{orderId}")
        let unjudged = try #require(OperationCoverage.of(result).first { $0.operation == "DELETE /orders/{orderId}" })
        #expect(unjudged.judgements.isEmpty && unjudged.summary == "not judged by any check")
        #expect(CheckCoverage(cors).placesJudged == "2", "without a description, places alone")
        let tls = Self.run("tls.configuration", [.passed(Self.rule, at: Self.place("GET", "/"), "")])
        result = Self.result([cors, tls])
        result.documentedOperations = ["GET /orders"]
        #expect(CheckCoverage.of(result).last?.placesJudged == "1", "a check that judged no documented operation")
        #expect(OperationCoverage.of(result).map(\.operation) == ["GET /orders"], "only documented operations")
    }
}
