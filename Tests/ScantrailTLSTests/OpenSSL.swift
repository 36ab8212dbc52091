import Foundation
import ScantrailTestSupport

/// The openssl command line: a test server (`s_server`) on 127.0.0.1, the certificate it
/// presents, and `s_client` as the independent judge of which suites a server accepts.
enum OpenSSL {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs openssl with `arguments`, at most 20 seconds; returns the exit status and output.
    @discardableResult
    static func run(_ arguments: [String]) async throws -> (Int32, String) {
        try await Subprocess.run(["timeout", "20", "openssl"] + arguments)
    }

    /// An RSA certificate and key for localhost and 127.0.0.1, made once per test run.
    static let rsaCertificate = Task<Result<(String, String), any Error>, Never> {
        do {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scantrail-tls-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let certificate = directory.appendingPathComponent("c.pem").path
            let key = directory.appendingPathComponent("k.pem").path
            let (status, output) = try await run([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ])
            guard status == 0 else { throw Failed(description: output) }
            return .success((certificate, key))
        } catch {
            return .failure(error)
        }
    }

    /// Runs `body` with `openssl s_server` listening on 127.0.0.1 with `options` added to its
    /// command line, and kills it afterwards. The server picks its own port and names it: a
    /// port chosen beforehand could be taken by another test's server in the meantime.
    static func withServer<Result: Sendable>(
        _ options: [String], _ body: (_ port: Int) async throws -> Result
    ) async throws -> Result {
        let (certificate, key) = try await rsaCertificate.value.get()
        let server = try Subprocess(
            ["openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", certificate, "-key", key, "-www"] + options)
        defer { server.kill() }
        // s_server prints `ACCEPT 127.0.0.1:PORT` once it listens.
        let port = try await server.firstMatch { text in
            text.split(separator: "\n").first { $0.hasPrefix("ACCEPT ") }
                .flatMap { $0.split(separator: ":").last }.flatMap { Int($0) }
        }
        return try await body(port)
    }

    /// Whether `s_client` completes a handshake with `arguments` added (`-tls1_2 -cipher X`).
    static func clientConnects(port: Int, _ arguments: [String]) async throws -> Bool {
        let (_, output) = try await run(
            ["s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost"] + arguments)
        return output.contains("Cipher is ") && !output.contains("Cipher is (NONE)")
    }
}
