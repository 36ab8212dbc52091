import Foundation
import Testing

@testable import ScantrailMonitor

@Suite("Jira bodies in the Atlassian Document Format")
struct JiraDocumentTests {
    @Test("paragraphs, hard breaks, bold and code marks; an unclosed marker stays text")
    func document() throws {
        let document = JiraTracker.document(["**Rule:** `cors.policy` — open\nsecond line", "a ` lone tick"])
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        let expected = """
            {"content":[{"content":[{"marks":[{"type":"strong"}],"text":"Rule:","type":"text"},\
            {"text":" ","type":"text"},{"marks":[{"type":"code"}],"text":"cors.policy","type":"text"},\
            {"text":" — open","type":"text"},{"type":"hardBreak"},{"text":"second line","type":"text"}],"type":"paragraph"},\
            {"content":[{"text":"a ` lone tick","type":"text"}],"type":"paragraph"}],"type":"doc","version":1}
            """
        #expect(String(decoding: data, as: UTF8.self) == expected)
    }
}
