import Foundation
import ScantrailReports
import ScantrailTLS
import ScantrailTestSupport
import Testing

@Suite("The TLS text report, from a real probe of a local server")
struct TLSTextRendererTests {
    /// Probes a TLS 1.2+ server presenting a leaf for localhost under a root the probe trusts.
    static func report() async throws -> TLSProbeReport {
        let root = try TestPKI.root(name: "Renderer Root")
        let leaf = try root.issue(name: "localhost", dnsNames: ["localhost"])
        var settings = TLSProbeSettings()
        settings.caFile = try TestPKI.writeBundle([root])
        defer { try? FileManager.default.removeItem(atPath: settings.caFile!) }
        let result = try await TestPKI.withServer(presenting: [leaf]) { port in
            try await TLSProber(
                target: TLSProbeTarget(host: "localhost", port: port, address: "127.0.0.1"), settings: settings
            ).scan()
        }
        return TLSProbeReport(result, warningDays: 30)
    }

    @Test("one line per version, the chain with every problem's verdict, the grade and the cost")
    func sections() async throws {
        let report = try await Self.report()
        let text = TLSTextRenderer().render(report)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("TLS of ") && lines[0].hasSuffix("(SNI localhost)"))
        #expect(lines.contains { $0.hasPrefix("TLS 1.3 ") && $0.contains("accepted") })
        #expect(lines.contains { $0.hasPrefix("SSLv3 ") && !$0.contains("accepted") })
        #expect(lines.contains("Certificates served:   1"))
        #expect(lines.contains { $0.hasPrefix("     names             localhost") })
        for problem in ["untrusted", "incomplete chain", "hostname mismatch", "expired", "weak key"] {
            #expect(lines.contains { $0.hasPrefix("  \(problem):") && $0.contains(" no — ") }, "\(problem)")
        }
        #expect(lines.contains { $0.hasPrefix("Grade:                 A") })
        #expect(lines.last?.hasSuffix(" ms") == true && lines.last?.contains(" handshakes in ") == true)
        #expect(!text.contains("does not speak TLS"))
    }
}
