import Foundation
import Testing

@testable import ScantrailChecks

@Suite("What an introspection answer tells the GraphQL probes")
struct GraphQLSchemaFactsTests {
    static let answer = #"""
        {"data":{"__schema":{"queryType":{"name":"Query"},"mutationType":null,"types":[
          {"name":"Query","kind":"OBJECT","fields":[
            {"name":"users","args":[],"type":{"kind":"LIST","name":null,"ofType":{"kind":"OBJECT","name":"User","ofType":null}}},
            {"name":"search","args":[{"name":"term","type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"SCALAR","name":"String","ofType":null}}}],
             "type":{"kind":"LIST","name":null,"ofType":{"kind":"OBJECT","name":"User","ofType":null}}}]},
          {"name":"User","kind":"OBJECT","fields":[
            {"name":"id","args":[],"type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"SCALAR","name":"ID","ofType":null}}},
            {"name":"friends","args":[],"type":{"kind":"LIST","name":null,"ofType":{"kind":"OBJECT","name":"User","ofType":null}}}]},
          {"name":"String","kind":"SCALAR","fields":null}]}}}
        """#

    @Test("root fields, argument declarations and a recursive path are read; mutations are absent")
    func reads() throws {
        let json = try JSONSerialization.jsonObject(with: Data(Self.answer.utf8)) as? [String: Any]
        let facts = try #require(GraphQLSchemaFacts(json))
        #expect(facts.queryType == "Query" && facts.mutationType == nil)
        #expect(facts.rootFields.map(\.name) == ["users", "search"])
        let term = try #require(facts.rootFields.last?.arguments.first)
        #expect(term.declaration == "String!" && term.named == "String" && term.required)
        #expect(facts.recursion?.root == "users" && facts.recursion?.field == "friends")
    }

    @Test("an answer without a schema has no facts")
    func none() {
        #expect(GraphQLSchemaFacts(["errors": [["message": "introspection is disabled"]]]) == nil)
    }
}
