import Foundation
import Hummingbird
import ScantrailCore
import ScantrailDemo
import Testing

@testable import ScantrailChecks

@Suite("GraphQL endpoints: introspection, suggestions, batching")
struct GraphQLCheckTests {
    let check = GraphQLCheck()

    /// A GraphQL endpoint at /api/graphql answering like a default server (`lax`) or a hardened one.
    static func server(lax: Bool) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/api/graphql") { request, _ in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            let json: String
            if body.hasPrefix("[") {
                let results = Array(
                    repeating: #"{"data":{"__typename":"Query"}}"#,
                    count: body.components(separatedBy: "__typename").count - 1)
                json =
                    lax
                    ? "[" + results.joined(separator: ",") + "]" : #"{"errors":[{"message":"batching is disabled"}]}"#
            } else if body.contains("__schema") {
                json =
                    lax
                    ? #"{"data":{"__schema":{"queryType":{"name":"Query"},"types":[{"name":"Query"},{"name":"User"}]}}}"#
                    : #"{"errors":[{"message":"introspection is disabled"}]}"#
            } else if body.contains("__typenam}") {
                json =
                    lax
                    ? #"{"errors":[{"message":"Cannot query field \"__typenam\" on type \"Query\". Did you mean \"__typename\"?"}]}"#
                    : #"{"errors":[{"message":"Cannot query field on type \"Query\"."}]}"#
            } else if body.contains("a0:__typename") {
                let aliases = (0..<(lax ? 100 : 10)).map { #""a\#($0)":"Query""# }.joined(separator: ",")
                json = lax ? #"{"data":{\#(aliases)}}"# : #"{"errors":[{"message":"too many aliases"}]}"#
            } else {
                json = #"{"data":{"__typename":"Query"}}"#
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
        }
        return router
    }

    @Test("a default GraphQL server fails introspection, suggestions, batching and aliases")
    func lax() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: Self.server(lax: true))
        let statuses = outcomes.filter { $0.location.path == "/api/graphql" }.statuses
        #expect(
            statuses == [
                "graphql.introspection-enabled": .failed, "graphql.field-suggestions": .failed,
                "graphql.batching-unlimited[batch]": .failed, "graphql.batching-unlimited[aliases]": .failed,
            ])
    }

    @Test("a hardened GraphQL server passes all four")
    func hardened() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: Self.server(lax: false))
        let judged = outcomes.filter { $0.status != .notApplicable }
        #expect(judged.count == 4)
        #expect(judged.allSatisfy { $0.status == .passed && $0.location.path == "/api/graphql" })
    }

    @Test("an API without GraphQL fails nothing: every rule is not applicable at every path tried")
    func absent() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: DemoAPI.router(.hardened))
        #expect(outcomes.count == GraphQLCheck.paths.count * 3)
        #expect(outcomes.allSatisfy { $0.status == .notApplicable && $0.location.discriminator == nil })
        #expect(Set(outcomes.map(\.location.path)) == Set(GraphQLCheck.paths))
    }

    @Test("a path that gave no answer is inconclusive, not gone")
    func unanswered() {
        let evidence = GraphQLCheck.Evidence(
            origin: "http://127.0.0.1:8080", tried: ["/graphql"], endpoints: [],
            absent: [GraphQLCheck.Absence(path: "/graphql", status: nil, detail: "connection-reset: reset by peer")])
        let outcomes = check.evaluate(evidence)
        #expect(outcomes.count == 3 && outcomes.allSatisfy { $0.status == .inconclusive })
        #expect(outcomes.allSatisfy { $0.detail == "connection-reset: reset by peer" })
    }

    @Test("evidence recorded before absences were kept still evaluates, to the endpoints alone")
    func olderEvidence() {
        let evidence = GraphQLCheck.Evidence(
            origin: "http://127.0.0.1:8080", tried: GraphQLCheck.paths, endpoints: [], absent: nil)
        #expect(check.evaluate(evidence).isEmpty)
    }
}
