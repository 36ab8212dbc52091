import Foundation
import Testing

@testable import ScantrailOpenAPI

@Suite("Documents from outside are bounded before they are parsed: size, depth, values with aliases expanded")
struct DocumentLimitsTests {
    /// The "billion laughs": each level lists the one before ten times, so `levels` levels of
    /// a few dozen bytes each expand to 10^levels values.
    static func aliasBomb(levels: Int) -> String {
        var lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1..<levels {
            let previous = "*a\(level - 1)"
            lines.append(
                "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let limits = DocumentLimits(maxBytes: 1 << 20, maxDepth: 20, maxValues: 10_000)

    @Test("an alias bomb is refused from its events, before anything is expanded, whatever its depth")
    func aliasBomb() {
        for levels in [4, 6, 10] {
            let bomb = Self.aliasBomb(levels: levels)
            #expect(bomb.utf8.count < 700)
            #expect(throws: DocumentLimits.Violation.self, "\(levels) levels") {
                try Self.limits.check(yaml: bomb)
            }
        }
        // Three levels expand to 1,110 values and more: within bounds.
        #expect(throws: Never.self) { try Self.limits.check(yaml: Self.aliasBomb(levels: 3)) }
    }

    @Test("an alias used as a mapping key counts what it expands to")
    func aliasKey() {
        let document = Self.aliasBomb(levels: 5) + "keyed:\n  ? *a4\n  : value\n"
        #expect(throws: DocumentLimits.Violation.self) { try Self.limits.check(yaml: document) }
    }

    @Test("nesting is bounded in YAML blocks, YAML flows, through aliases and in JSON")
    func depth() {
        let flow = String(repeating: "[", count: 25) + String(repeating: "]", count: 25)
        #expect(throws: DocumentLimits.Violation.self) { try Self.limits.check(yaml: flow) }
        #expect(throws: DocumentLimits.Violation.self) { try Self.limits.check(json: Data(flow.utf8)) }
        var block = ""
        for level in 0..<25 { block += String(repeating: "  ", count: level) + "k\(level):\n" }
        #expect(throws: DocumentLimits.Violation.self) { try Self.limits.check(yaml: block + "x") }
        let deep = "d: &d " + String(repeating: "[", count: 15) + String(repeating: "]", count: 15)
        #expect(throws: DocumentLimits.Violation.self) { try Self.limits.check(yaml: deep + "\ne: [[[[[[*d]]]]]]\n") }
        #expect(throws: Never.self) { try Self.limits.check(yaml: deep + "\n") }
    }

    @Test("brackets inside JSON strings neither nest nor count; a JSON array's items do")
    func jsonValues() {
        #expect(throws: Never.self) {
            try Self.limits.check(json: Data(#"{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[\"[["}"#.utf8))
        }
        let wide = "[" + Array(repeating: "0", count: 10_001).joined(separator: ",") + "]"
        #expect(throws: DocumentLimits.Violation.self) { try Self.limits.check(json: Data(wide.utf8)) }
    }

    @Test("an ordinary description with anchors passes, and counts as expanded")
    func ordinaryAnchors() throws {
        let document = """
            openapi: 3.0.3
            info: {title: t, version: "1"}
            x-common: &ok
              description: ok
              content: {application/json: {schema: {type: object}}}
            paths:
              /a: {get: {responses: {"200": *ok}}}
              /b: {get: {responses: {"200": *ok}}}
            """
        try DocumentLimits.standard.check(yaml: document)
        var counter = ExpansionCounter()
        for event: ExpansionCounter.Event in [.open(anchor: nil), .open(anchor: "x"), .scalar(anchor: nil), .close] {
            counter.take(event)
        }
        counter.take(.alias("x"))
        counter.take(.close)
        #expect(counter.values == 5 && counter.depth == 2)
    }

    @Test("a document over the size bound is refused by its size alone")
    func size() {
        let small = DocumentLimits(maxBytes: 16, maxDepth: 10, maxValues: 100)
        #expect(throws: DocumentLimits.Violation(description: "is larger than 16 bytes")) {
            try small.check(json: Data(#"{"a": "01234567890123456789"}"#.utf8))
        }
    }

    @Test("an alias bomb imported as a description fails fast, naming the bound, quoting nothing")
    func importedBomb() async throws {
        let document = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n" + Self.aliasBomb(levels: 10)
        await #expect(
            throws: OpenAPIImportError.unreadable(
                "bomb.yaml", "the document holds more than 2000000 values once its aliases are expanded")
        ) {
            _ = try await OpenAPIImporter.importDocument(Data(document.utf8), source: "bomb.yaml") { _ in Data() }
        }
    }

    @Test("a YAML error names its line and column, never the line's text")
    func yamlError() async {
        let document = "DB_PASSWORD=hunter2\n  : : [\n"
        do {
            _ = try await OpenAPIImporter.importDocument(Data(document.utf8), source: "x.yaml") { _ in Data() }
            Issue.record("imported")
        } catch {
            #expect("\(error)".contains("line "), "\(error)")
            #expect(!"\(error)".contains("hunter2"), "\(error)")
        }
    }
}
