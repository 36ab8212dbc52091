import Foundation
import Testing

/// Compares output with a file under Golden/; `UPDATE_GOLDEN=1 swift test` rewrites the files.
enum GoldenFile {
    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            actual == expected, "output differs from Golden/\(name); rerun with UPDATE_GOLDEN=1 if intended",
            sourceLocation: sourceLocation)
    }
}
