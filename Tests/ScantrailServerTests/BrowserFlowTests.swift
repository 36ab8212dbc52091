import Foundation
import ScantrailDemo
import ScantrailTestSupport
import Testing

@testable import ScantrailServer

@Suite("The anonymous and dashboard flows in a real browser")
struct BrowserFlowTests {
    /// Where screenshots are kept, and the folder of the Python drivers.
    static let artefacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/test-artefacts")
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Browser")

    @Test("headless Chromium pastes a URL, confirms, scans, and reads the findings; the CSP blocks nothing of ours")
    func anonymousFlow() async throws {
        try FileManager.default.createDirectory(at: Self.artefacts, withIntermediateDirectories: true)
        let script = Self.scripts.appendingPathComponent("anonymous_flow.py")
        let (status, output) = try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { target in
            try await WebServer.withRunning(WebServerTests.settings()) { port in
                try await Subprocess.run([
                    "python3", script.path, "http://127.0.0.1:\(port)", "http://127.0.0.1:\(target)/",
                    Self.artefacts.appendingPathComponent("server").path,
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

    @Test("headless Chromium signs in with a key, reads the overview, marks a finding a false positive, makes a key")
    func dashboardFlow() async throws {
        try FileManager.default.createDirectory(at: Self.artefacts, withIntermediateDirectories: true)
        let script = Self.scripts.appendingPathComponent("dashboard_flow.py")
        try await LocalHTTPServer.withRunning(DemoAPI.router(.misconfigured)) { target in
            try await TrailAPITests.withServer { api, keys, store in
                _ = try await api.scan("http://127.0.0.1:\(target)/", key: keys.scanner)
                let (status, output) = try await Subprocess.run([
                    "python3", script.path, api.base, keys.admin,
                    Self.artefacts.appendingPathComponent("dashboard").path,
                ])
                #expect(status == 0, "\(output)")
                let line = output.split(separator: "\n").last.map(String.init) ?? ""
                let seen = try #require(
                    try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(output)")
                #expect(seen["unsignedLandsOn"] as? String == "/dashboard/login")
                #expect(seen["overviewTitle"] as? String == "Dashboard")
                #expect(seen["sections"] as? [String] == ["counts", "deadlines", "certificates", "targets"])
                #expect(Int(seen["openCount"] as? String ?? "") ?? 0 > 0 && (seen["deadlines"] as? Int ?? 0) > 0)
                #expect(seen["trendCharts"] as? Int == 1)
                #expect(seen["findingStateBefore"] as? String == "open")
                #expect(seen["findingStateAfter"] as? String == "false-positive")
                #expect((seen["lifeActions"] as? [String])?.last == "finding.false-positive")
                #expect((seen["lifeActors"] as? [String])?.last?.hasSuffix("(admin)") == true)
                #expect((seen["newSecret"] as? String)?.hasPrefix("st_k_") == true)
                #expect(seen["signedOutLandsOn"] as? String == "/dashboard/login")
                #expect(seen["afterSignOut"] as? String == "/dashboard/login")
                #expect((seen["cspViolations"] as? [String])?.isEmpty == true, "\(seen["cspViolations"] ?? "")")
                let made = try await store.withStore { try await $0.apiKeys() }.first { $0.name == "external auditor" }
                #expect(made?.scopes == [.read] && made?.createdBy.hasSuffix("(admin)") == true)
            }
        }
    }
}
