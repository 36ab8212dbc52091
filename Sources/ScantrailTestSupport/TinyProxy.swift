import Foundation

/// A real forward proxy (tinyproxy, which `.ci/run` installs) on 127.0.0.1 for the length of a
/// closure: cleartext requests in absolute form and `CONNECT` tunnels, optionally behind Basic
/// authentication.
public enum TinyProxy {
    /// Why no proxy came up.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String { "tinyproxy did not start on 127.0.0.1 (is it installed?)" }
    }

    /// Runs `body` with the port of a proxy requiring `credentials` (user, password) if given.
    public static func withRunning<Result: Sendable>(
        credentials: (user: String, password: String)? = nil, _ body: (Int) async throws -> Result
    ) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyproxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A few tries: a port picked at random may be taken.
        for _ in 0..<5 {
            let port = Int.random(in: 20_000...32_000)
            let configuration = folder.appendingPathComponent("tinyproxy.conf")
            try """
            Port \(port)
            Listen 127.0.0.1
            Timeout 10
            Allow 127.0.0.1
            LogLevel Critical
            MaxClients 64
            \(credentials.map { "BasicAuth \($0.user) \($0.password)" } ?? "")
            """.write(to: configuration, atomically: true, encoding: .utf8)
            let process = try Subprocess(["tinyproxy", "-d", "-c", configuration.path])
            defer { process.kill() }
            guard await LoopbackPort.accepts(port, within: .seconds(5)) else { continue }
            return try await body(port)
        }
        throw Unavailable()
    }
}
