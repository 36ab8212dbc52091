import Foundation
import ScantrailTestSupport
import Testing

@Suite("scantrail tls, run as a user runs it")
struct TLSCLITests {
    @Test("a port that speaks another protocol is reported inconclusive on every version, in text and JSON")
    func notTLS() async throws {
        try await ScriptedServer.withRunning(greeting: "SSH-2.0-OpenSSH_9.2\r\n", reply: { _ in .keepOpen("") }) {
            _, port in
            let text = try await Scantrail.run(["tls", "127.0.0.1:\(port)", "--timeout", "5"])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("TLS of 127.0.0.1:\(port)"))
            #expect(text.stdout.contains("TLS 1.2   the reply is not TLS"))
            let json = try await Scantrail.run(["tls", "127.0.0.1:\(port)", "--format", "json"])
            let report = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let protocols = try #require(report["protocols"] as? [[String: Any]])
            #expect(
                protocols.map { $0["version"] as? String } == ["sslv2", "sslv3", "tls10", "tls11", "tls12", "tls13"])
            #expect(protocols.allSatisfy { $0["status"] as? String == "inconclusive" })
        }
    }

    @Test("--ca-file makes a private root trusted; the certificate and grade show in text and JSON")
    func privateRoot() async throws {
        let root = try TestPKI.root(name: "Private CLI Root")
        let leaf = try root.issue(name: "localhost", dnsNames: ["localhost"])
        let caFile = try TestPKI.writeBundle([root])
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        try await TestPKI.withServer(presenting: [leaf]) { port in
            let system = try await Scantrail.run(["tls", "localhost:\(port)", "--ip", "127.0.0.1"])
            #expect(system.stdout.contains("  untrusted:          yes"), "\(system.stdout)")
            #expect(system.stdout.contains("Grade:                 T (A if trust issues are ignored)"))
            let trusted = try await Scantrail.run(
                ["tls", "localhost:\(port)", "--ip", "127.0.0.1", "--ca-file", caFile, "--format", "json"])
            #expect(trusted.status == 0, "\(trusted.stderr)")
            let report = try #require(JSONSerialization.jsonObject(with: Data(trusted.stdout.utf8)) as? [String: Any])
            let certificates = try #require(report["certificates"] as? [String: Any])
            #expect((certificates["untrusted"] as? [String: Any])?["verdict"] as? String == "no")
            #expect((certificates["chain"] as? [[String: Any]])?.first?["subject"] as? String == "CN=localhost")
            #expect((report["grade"] as? [String: Any])?["grade"] as? String == "A")
        }
    }

    @Test("an IPv6 literal is probed over ::1, with no SNI sent")
    func ipv6() async throws {
        var behaviour = LegacyTLSServer.Behaviour()
        behaviour.versions = [0x0303]
        behaviour.certificates = [try TestPKI.selfSigned(name: "::1").der]
        try await LegacyTLSServer.withRunning(behaviour, host: "::1") { port in
            let run = try await Scantrail.run(["tls", "[::1]:\(port)", "--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            let report = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(report["target"] as? String == "[::1]:\(port)")
            #expect(report["serverName"] == nil)
            let protocols = try #require(report["protocols"] as? [[String: Any]])
            let tls12 = try #require(protocols.first { $0["version"] as? String == "tls12" })
            #expect(tls12["suites"] as? [String] == ["TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA"])
        }
    }

    @Test("an unreadable or empty --ca-file is exit status 2, naming the file")
    func badCAFile() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID()).pem").path
        try "not a certificate\n".write(toFile: empty, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        for (file, message) in [
            ("/nonexistent/ca.pem", "cannot read the CA bundle"), (empty, "holds no PEM certificate"),
        ] {
            let run = try await Scantrail.run(["tls", "127.0.0.1:1", "--ca-file", file])
            #expect(run.status == 2)
            #expect(run.stderr.contains(message) && run.stderr.contains(file), "\(run.stderr)")
        }
    }

    @Test("nothing listening is exit status 3 with one line; a bad target is exit status 2")
    func failures() async throws {
        let closed = try await ClosedPort.withReserved { port in try await Scantrail.run(["tls", "127.0.0.1:\(port)"]) }
        #expect(closed.status == 3)
        #expect(closed.stderr.contains("cannot connect to 127.0.0.1:"))
        for target in ["127.0.0.1:99999", "host name", "[::1", "ftp://example.test"] {
            let run = try await Scantrail.run(["tls", target])
            #expect(run.status == 2, "\(target): \(run.stderr)")
        }
    }
}
