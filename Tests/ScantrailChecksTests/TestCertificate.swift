import Foundation
import NIOSSL

/// A self-signed certificate for 127.0.0.1, made by the openssl command line once per test run.
enum TestCertificate {
    /// A server TLS configuration presenting the certificate.
    static func serverConfiguration() async throws -> TLSConfiguration {
        let (certificate, key) = try await files.value.get()
        return TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
        )
    }

    struct OpenSSLFailed: Error {}

    /// Made once, on a thread of its own: waiting for openssl must not hold up the cooperative pool.
    private static let files = Task<Result<(String, String), any Error>, Never> {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Result { try makeFiles() }) }.start()
        }
    }

    private static func makeFiles() throws -> (String, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "scantrail-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw OpenSSLFailed() }
        return (certificate, key)
    }
}
