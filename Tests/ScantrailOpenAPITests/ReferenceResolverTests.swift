import Foundation
import ScantrailCore
import Synchronization
import Testing

@testable import ScantrailOpenAPI

@Suite("$refs are followed within a document and into its neighbours, each loaded once, never forever")
struct ReferenceResolverTests {
    /// Documents by absolute name, and how often each was loaded.
    final class Library: Sendable {
        let documents: [String: String]
        let loads = Mutex<[String]>([])

        init(_ documents: [String: String]) { self.documents = documents }

        func load(_ name: String) throws -> Data {
            loads.withLock { $0.append(name) }
            guard let text = documents[name] else { throw CocoaError(.fileNoSuchFile) }
            return Data(text.utf8)
        }
    }

    static let root: JSONValue = .object([
        "components": .object([
            "schemas": .object([
                "User": .object(["type": .string("object")]),
                "Alias": .object(["$ref": .string("#/components/schemas/User")]),
                "Loop": .object(["$ref": .string("#/components/schemas/Loop")]),
                "Ping": .object(["$ref": .string("#/components/schemas/Pong")]),
                "Pong": .object(["$ref": .string("#/components/schemas/Ping")]),
                "a/b~c": .object(["type": .string("string")]),
            ]),
            "list": .array([.string("zero"), .string("one")]),
        ])
    ])

    func resolver(_ library: Library = Library([:])) -> ReferenceResolver {
        ReferenceResolver(root: Self.root, name: "/specs/api.yaml") { try library.load($0) }
    }

    func ref(_ target: String) -> JSONValue { .object(["$ref": .string(target)]) }

    @Test("a local $ref chain ends at the value, and says where it was found")
    func local() async throws {
        let located = try await resolver().resolve(ref("#/components/schemas/Alias"), in: "/specs/api.yaml", at: "#/x")
        #expect(located.value == .object(["type": .string("object")]))
        #expect(located.document == "/specs/api.yaml")
        #expect(located.pointer == "#/components/schemas/User")
        #expect(located.child("properties") == "#/components/schemas/User/properties")
    }

    @Test("a value without $ref is itself")
    func plain() async throws {
        let located = try await resolver().resolve(.string("x"), in: "/specs/api.yaml", at: "#/info/title")
        #expect(located.value == .string("x") && located.pointer == "#/info/title")
    }

    @Test("pointer tokens unescape ~1 and ~0, and array indices are followed")
    func tokens() async throws {
        let escaped = try await resolver().resolve(ref("#/components/schemas/a~1b~0c"), in: "/specs/api.yaml", at: "#")
        #expect(escaped.value == .object(["type": .string("string")]))
        let item = try await resolver().resolve(ref("#/components/list/1"), in: "/specs/api.yaml", at: "#")
        #expect(item.value == .string("one"))
    }

    @Test(
        "a reference to itself or a ring of references is reported, not followed forever",
        arguments: ["#/components/schemas/Loop", "#/components/schemas/Ping"])
    func cycles(reference: String) async {
        await #expect(throws: ReferenceResolver.Failure.self) {
            try await resolver().resolve(ref(reference), in: "/specs/api.yaml", at: "#")
        }
    }

    @Test("a pointer at nothing names the reference")
    func dangling() async {
        do {
            _ = try await resolver().resolve(ref("#/components/schemas/Nobody"), in: "/specs/api.yaml", at: "#")
            Issue.record("resolved a dangling reference")
        } catch {
            #expect(error.message == "#/components/schemas/Nobody points at nothing")
        }
    }

    @Test("a neighbour file is found beside the document, loaded once however often it is named")
    func neighbour() async throws {
        let library = Library(["/specs/common.yaml": "components:\n  parameters:\n    Id: {name: id, in: path}\n"])
        let resolver = resolver(library)
        for _ in 0..<3 {
            let located = try await resolver.resolve(
                ref("common.yaml#/components/parameters/Id"), in: "/specs/api.yaml", at: "#")
            #expect(located.document == "/specs/common.yaml")
            #expect(located.value == .object(["name": .string("id"), "in": .string("path")]))
        }
        #expect(library.loads.withLock { $0 } == ["/specs/common.yaml"])
    }

    @Test("a neighbour that cannot be loaded names the file")
    func missingNeighbour() async {
        do {
            _ = try await resolver().resolve(ref("gone.yaml#/x"), in: "/specs/api.yaml", at: "#")
            Issue.record("resolved a missing file")
        } catch {
            #expect(error.message.hasPrefix("cannot load gone.yaml: "))
        }
    }

    @Test("relative names resolve against a path or an http(s) URL; absolute paths stay")
    func absolute() {
        #expect(ReferenceResolver.absolute("common.yaml", relativeTo: "/specs/v1/api.yaml") == "/specs/v1/common.yaml")
        #expect(ReferenceResolver.absolute("../shared.yaml", relativeTo: "/specs/v1/api.yaml") == "/specs/shared.yaml")
        #expect(ReferenceResolver.absolute("/etc/x.yaml", relativeTo: "/specs/api.yaml") == "/etc/x.yaml")
        #expect(
            ReferenceResolver.absolute("models/user.json", relativeTo: "http://127.0.0.1:8080/docs/openapi.json")
                == "http://127.0.0.1:8080/docs/models/user.json")
    }
}

@Suite("Description text is JSON or YAML, and a broken one says where it broke")
struct SpecificationTextTests {
    func parse(_ text: String) throws -> JSONValue {
        try SpecificationText.parse(Data(text.utf8), source: "api.yaml")
    }

    @Test("YAML keys become strings, numbers numbers, dates their text")
    func yaml() throws {
        let value = try parse("responses:\n  200: {description: ok}\nversion: 2\nreleased: 2024-05-01\nflag: true\n")
        #expect(
            value
                == .object([
                    "responses": .object(["200": .object(["description": .string("ok")])]),
                    "version": .number(2), "released": .string("2024-05-01"), "flag": .bool(true),
                ]))
    }

    @Test("JSON is read as JSON, even with leading whitespace")
    func json() throws {
        #expect(try parse("  \n{\"openapi\": \"3.1.0\"}") == .object(["openapi": .string("3.1.0")]))
    }

    /// Why `text` is unreadable, or `nil` when it parses.
    func unreadableReason(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            guard case .unreadable(let source, let reason)? = error as? OpenAPIImportError, source == "api.yaml" else {
                return "\(error)"
            }
            return reason
        }
    }

    @Test("broken JSON is reported with its line and column")
    func brokenJSON() {
        let reason = unreadableReason("{\n  \"openapi\": \"3.1.0\",\n  \"paths\": {,}\n}")
        #expect(reason?.hasPrefix("invalid JSON: line 3, column ") == true, "\(reason ?? "parsed")")
    }

    @Test("an empty document and bytes that are not UTF-8 are refused as such")
    func emptyAndBinary() {
        #expect(throws: OpenAPIImportError.unreadable("api.yaml", "the document is empty")) { try parse("") }
        #expect(throws: OpenAPIImportError.unreadable("api.yaml", "not UTF-8 text")) {
            try SpecificationText.parse(Data([0xFF, 0xFE, 0x00, 0xD8]), source: "api.yaml")
        }
    }

    @Test("invalid YAML is named as such, with where it broke and without the text there")
    func brokenYAML() {
        let reason = unreadableReason("paths:\n  /a: [unclosed\n")
        #expect(
            reason
                == "invalid YAML at line 3, column 1: while parsing a flow sequence at line 2, column 7, did not find expected ',' or ']'",
            "\(reason ?? "parsed")")
    }
}
