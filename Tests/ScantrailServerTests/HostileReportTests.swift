import Foundation
import ScantrailCore
import ScantrailHTTP
import ScantrailReports
import ScantrailTestSupport
import Testing

@testable import ScantrailServer

@Suite("What a target sends reaches no reader live: no terminal escape, no markup, in any format")
struct HostileReportTests {
    /// A `Server` banner carrying a script and a C1 control sequence (bytes an HTTP parser lets
    /// through as obs-text), and a stack trace whose excerpt clears the terminal, retitles its
    /// window and returns the carriage over the line.
    static let banner = "Evil/1.0 <script>alert(1)</script> \u{9B}31m"
    static let trace =
        "<script>alert(2)</script>Traceback (most recent call last):\n  File \"/app/views.py\", line 3, in get"
        + " \u{1B}[2J\u{1B}]0;owned\u{07}\rspoofed"

    static func hostile(_: String) -> ScriptedServer.Reply {
        .thenClose(
            "HTTP/1.1 500 Internal Server Error\r\nServer: \(banner)\r\nContent-Type: text/html\r\n"
                + "Content-Length: \(trace.utf8.count)\r\n\r\n\(trace)")
    }

    @Test("a hostile banner scanned through the web service: every report format and the event stream")
    func everyFormat() async throws {
        try await ScriptedServer.withRunning(reply: Self.hostile) { _, target in
            // A deadline no loaded machine reaches: the stack trace must be judged, to be shown.
            try await WebServer.withRunning(WebServerTests.settings(deadline: 300)) { port in
                let client = APIClient(port: port)
                let status = try await client.scan("http://127.0.0.1:\(target)/")
                let id = try #require(status["id"] as? String)
                #expect(status["status"] as? String == "finished", "\(status)")
                let events = try await client.get("/scans/\(id)/events")
                var texts = ["events": String(decoding: events.body, as: UTF8.self)]
                for format in ReportFormat.allCases {
                    let report = try await client.get("/api/v1/scans/\(id)/report?format=\(format.rawValue)")
                    #expect(report.status == 200)
                    texts[format.rawValue] = String(decoding: report.body, as: UTF8.self)
                }
                // Both are reported (so the test sees them pass through), escaped.
                #expect(texts["text"]?.contains(#"Server: Evil/1.0 <script>alert(1)</script> \u{9B}31m"#) == true)
                #expect(texts["text"]?.contains(#"in get \u{1B}[2J\u{1B}]0;owned\u{7}\u{D}s"#) == true)
                for (format, text) in texts {
                    let controls = text.unicodeScalars.filter {
                        ($0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r") || (0x7F...0x9F).contains($0.value)
                    }
                    #expect(controls.isEmpty, "\(format) carries \(controls.map { String($0.value, radix: 16) })")
                    if format != "csv" {
                        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "\(format)")
                    }
                }
                for format in ["markdown", "html"] {
                    #expect(texts[format]?.contains("<script>alert") == false, "\(format) carries the script")
                }
                #expect(texts["markdown"]?.contains(#"\<script\>alert(1)\</script\>"#) == true)
            }
        }
    }

    @Test("an event line never splits: a reason with a carriage return, a line feed and an escape stays one line")
    func eventLine() {
        var scan = HostedScan(id: ScanID.random(), target: "http://127.0.0.1:1/", owner: "o", submittedAt: Date())
        scan.state = .failed("refused\r\nevent: end\ndata: forged\u{1B}[2J")
        let event = ServerSentEvents.event(for: scan)
        #expect(event == "event: end\ndata: failed: refused\\u{D}\\u{A}event: end\\u{A}data: forged\\u{1B}[2J\n\n")
    }
}
