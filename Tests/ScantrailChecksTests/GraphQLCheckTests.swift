import Foundation
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import Testing

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
        let statuses = try await CheckHarness.outcomes(of: check, servedBy: Self.server(lax: true)).statuses
        #expect(
            statuses == [
                "graphql.introspection-enabled": .failed, "graphql.field-suggestions": .failed,
                "graphql.batching-unlimited[batch]": .failed, "graphql.batching-unlimited[aliases]": .failed,
            ])
    }

    @Test("a hardened GraphQL server passes all four")
    func hardened() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: Self.server(lax: false))
        #expect(outcomes.count == 4)
        #expect(outcomes.allSatisfy { $0.status == .passed })
        #expect(outcomes.allSatisfy { $0.location.path == "/api/graphql" })
    }

    @Test("an API without GraphQL gives no GraphQL outcome")
    func absent() async throws {
        #expect(try await CheckHarness.outcomes(of: check, servedBy: DemoAPI.router(.hardened)).isEmpty)
    }
}
