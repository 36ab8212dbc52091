import Foundation
import Hummingbird
import ScantrailCore
import ScantrailDemo
import Testing

@testable import ScantrailChecks

@Suite("GraphQL endpoints: introspection, suggestions, batching")
struct GraphQLCheckTests {
    let check = GraphQLCheck()

    /// A GraphQL endpoint at /api/graphql whose query type has `fields`, answering like a default
    /// server (`lax`: introspection, suggestions, batching, aliases) or a hardened one.
    static func server(lax: Bool, fields: [String] = ["users", "user", "orders"]) -> Router<BasicRequestContext> {
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
                let listed = fields.map { #"{"name":"\#($0)"}"# }.joined(separator: ",")
                json =
                    lax
                    ? #"{"data":{"__schema":{"queryType":{"name":"Query","fields":[\#(listed)]},"types":[{"name":"Query"},{"name":"User"}]}}}"#
                    : #"{"errors":[{"message":"introspection is disabled"}]}"#
            } else if body.contains("a0:__typename") {
                let aliases = (0..<(lax ? 100 : 10)).map { #""a\#($0)":"Query""# }.joined(separator: ",")
                json = lax ? #"{"data":{\#(aliases)}}"# : #"{"errors":[{"message":"too many aliases"}]}"#
            } else if let field = body.split(separator: "{").last?.split(separator: "}").first.map(String.init),
                field != "__typename"
            {
                // graphql-js's words: a known object field needs a selection; an unknown one is
                // refused, with "Did you mean" for a near name unless suggestions are off.
                if fields.contains(field) {
                    json =
                        #"{"errors":[{"message":"Field \"\#(field)\" of type \"[User]\" must have a selection of subfields."}]}"#
                } else {
                    let near = fields.first { field.hasPrefix($0) || $0.hasPrefix(field) }
                    let hint = lax ? near.map { #" Did you mean \"\#($0)\"?"# } ?? "" : ""
                    json = #"{"errors":[{"message":"Cannot query field \"\#(field)\" on type \"Query\".\#(hint)"}]}"#
                }
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
        let original = ["graphql.introspection-enabled", "graphql.field-suggestions", "graphql.batching-unlimited"]
        let statuses = outcomes.filter { $0.location.path == "/api/graphql" && original.contains($0.ruleID) }.statuses
        #expect(
            statuses == [
                "graphql.introspection-enabled": .failed, "graphql.field-suggestions": .failed,
                "graphql.batching-unlimited[batch]": .failed, "graphql.batching-unlimited[aliases]": .failed,
            ])
    }

    @Test("a hardened GraphQL server passes all four")
    func hardened() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: Self.server(lax: false))
        let original = ["graphql.introspection-enabled", "graphql.field-suggestions", "graphql.batching-unlimited"]
        let judged = outcomes.filter { $0.status != .notApplicable && original.contains($0.ruleID) }
        #expect(judged.count == 4)
        #expect(judged.allSatisfy { $0.status == .passed && $0.location.path == "/api/graphql" })
    }

    @Test("without introspection, suggestions are tried on common fields the server shows it has")
    func suggestionsWithoutIntrospection() async throws {
        var lax = Self.server(lax: false)
        let hardened = try await CheckHarness.outcomes(of: check, servedBy: lax)
        let passed = try #require(
            hardened.first { $0.ruleID == "graphql.field-suggestions" && $0.status != .notApplicable })
        #expect(passed.status == .passed && passed.detail.contains("real fields user, users"), "\(passed.detail)")
        lax = Self.server(lax: false, fields: ["catalogueItems"])
        let unknown = try await CheckHarness.outcomes(of: check, servedBy: lax)
        let untried = try #require(
            unknown.first { $0.ruleID == "graphql.field-suggestions" && $0.status != .notApplicable })
        #expect(untried.status == .inconclusive && untried.detail.hasPrefix("no real field could be misspelled"))
    }

    @Test("an API without GraphQL fails nothing: every rule is not applicable at every path tried")
    func absent() async throws {
        let outcomes = try await CheckHarness.outcomes(of: check, servedBy: DemoAPI.router(.hardened))
        #expect(outcomes.count == GraphQLCheck.paths.count * GraphQLCheck.metadata.rules.count)
        #expect(outcomes.allSatisfy { $0.status == .notApplicable && $0.location.discriminator == nil })
        #expect(Set(outcomes.map(\.location.path)) == Set(GraphQLCheck.paths))
    }

    @Test("a path that gave no answer is inconclusive, not gone")
    func unanswered() {
        let evidence = GraphQLCheck.Evidence(
            origin: "http://127.0.0.1:8080", tried: ["/graphql"], endpoints: [],
            absent: [GraphQLCheck.Absence(path: "/graphql", status: nil, detail: "connection-reset: reset by peer")])
        let outcomes = check.evaluate(evidence)
        #expect(
            outcomes.count == GraphQLCheck.metadata.rules.count && outcomes.allSatisfy { $0.status == .inconclusive })
        #expect(outcomes.allSatisfy { $0.detail == "connection-reset: reset by peer" })
    }

    @Test("evidence recorded before absences were kept still evaluates, to the endpoints alone")
    func olderEvidence() {
        let evidence = GraphQLCheck.Evidence(
            origin: "http://127.0.0.1:8080", tried: GraphQLCheck.paths, endpoints: [], absent: nil)
        #expect(check.evaluate(evidence).isEmpty)
    }
}

@Suite("graphql.csrf judges what a foreign page can do, not what the specification allows")
struct GraphQLCrossSiteEvaluateTests {
    let location = Location(origin: "http://127.0.0.1:8080", method: "POST", path: "/graphql")
    let executed = GraphQLCheck.Answer(accepted: true, detail: "executed")

    @Test("a query over GET passes whatever the cookies: GraphQL over HTTP allows it")
    func getQuery() {
        for cookies in [true, false, nil] as [Bool?] {
            #expect(GraphQLCheck.crossSite("GET query", executed, setsCookies: cookies, at: location).status == .passed)
        }
    }

    @Test("a mutation over GET fails; a form or multipart post fails with cookies, is inconclusive without")
    func writes() {
        #expect(GraphQLCheck.crossSite("GET mutation", executed, setsCookies: nil, at: location).status == .failed)
        for post in ["form POST", "multipart POST"] {
            #expect(GraphQLCheck.crossSite(post, executed, setsCookies: true, at: location).status == .failed)
            #expect(GraphQLCheck.crossSite(post, executed, setsCookies: false, at: location).status == .inconclusive)
            #expect(GraphQLCheck.crossSite(post, executed, setsCookies: nil, at: location).status == .inconclusive)
            let refused = GraphQLCheck.Answer(accepted: false, detail: "refused")
            #expect(GraphQLCheck.crossSite(post, refused, setsCookies: true, at: location).status == .passed)
        }
    }
}
