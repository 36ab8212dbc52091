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

    @Test(
        "arguments probed: strings and IDs of fields whose other required arguments can be filled, four at most; a mutation is sent as one"
    )
    func probed() throws {
        typealias Facts = GraphQLSchemaFacts
        func argument(_ name: String, _ type: String, required: Bool = true) -> Facts.Argument {
            Facts.Argument(name: name, declaration: type + (required ? "!" : ""), named: type, required: required)
        }
        let rename = Facts.Field(
            name: "rename", type: "User", isObject: true, arguments: [argument("id", "ID"), argument("name", "String")])
        let upload = Facts.Field(
            name: "upload", type: "File", isObject: true,
            arguments: [argument("file", "Upload"), argument("title", "String")])
        let tag = Facts.Field(
            name: "tag", type: "Boolean", isObject: false,
            arguments: [argument("count", "Int"), argument("label", "String", required: false)])
        let note = Facts.Field(
            name: "note", type: "String", isObject: false, arguments: [argument("a", "String"), argument("b", "ID")])
        let probed = GraphQLCheck.probed([rename, upload, tag, note]).map { "\($0.field.name)(\($0.argument.name))" }
        #expect(probed == ["rename(id)", "rename(name)", "tag(label)", "note(a)"], "upload's Upload cannot be filled")
        let body = GraphQLCheck.argumentQuery(rename, varying: rename.arguments[1], with: "x'", operation: "mutation")
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(json["query"] as? String == "mutation($id:ID!,$name:String!){rename(id:$id,name:$name){__typename}}")
        #expect((json["variables"] as? [String: String]) == ["id": "1", "name": "x'"])
    }
}
