import Foundation
import ScantrailDemo
import ScantrailTestSupport
import Testing

@testable import ScantrailServer

@Suite("The anonymous flow in a real browser")
struct BrowserFlowTests {
    @Test("headless Chromium pastes a URL, confirms, scans, and reads the findings; the CSP blocks nothing of ours")
    func anonymousFlow() async throws {
        let artefacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/test-artefacts")
        try FileManager.default.createDirectory(at: artefacts, withIntermediateDirectories: true)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Browser/anonymous_flow.py")
        let (status, output) = try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { target in
            try await WebServer.withRunning(WebServerTests.settings()) { port in
                try await Subprocess.run([
                    "python3", script.path, "http://127.0.0.1:\(port)", "http://127.0.0.1:\(target)/",
                    artefacts.appendingPathComponent("server").path,
                ])
            }
        }
        #expect(status == 0, "\(output)")
        let line = output.split(separator: "\n").last.map(String.init) ?? ""
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(output)")
        #expect(seen["formTitle"] as? String == "Scan your API")
        #expect(seen["mainMaxWidth"] as? String == "960px", "the page's style was blocked")
        #expect(
            seen["progressTitle"] as? String == "Scanning" || seen["progressTitle"] as? String == "API security report")
        #expect(seen["reportTitle"] as? String == "API security report")
        #expect((seen["findings"] as? Int ?? 0) > 0)
        #expect((seen["verdict"] as? String)?.contains(" findings, highest ") == true, "\(seen)")
        #expect((seen["cspViolations"] as? [String])?.isEmpty == true, "\(seen["cspViolations"] ?? "")")
    }
}
