import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore

/// Runs a Hummingbird router on 127.0.0.1 at a free port for the length of a closure: the
/// demo's target and the tests' real servers.
public enum LocalHTTPServer {
    /// Why the server did not come up.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String { "the local server did not start" }
    }

    /// Starts `router` on 127.0.0.1 (a random free port, TLS if given), runs `body` with the
    /// port, then stops the server, however `body` ends.
    public static func withRunning<Context: RequestContext, Result: Sendable>(
        _ router: Router<Context>,
        tls: TLSConfiguration? = nil,
        _ body: (Int) async throws -> Result
    ) async throws -> Result where Context.Source == ApplicationRequestContextSource {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                if let port = channel.localAddress?.port { continuation.yield(port) }
                continuation.finish()
            },
            logger: Logger(label: "scantrail.local-server", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await app.run()
            }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw StartError() }
            return try await body(port)
        }
    }
}
