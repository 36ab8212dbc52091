import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle

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
        let quiet = Logger(label: "scantrail.local-server", factory: { _ in SwiftLogNoOpLogHandler() })
        let app = Application(
            router: router,
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                if let port = channel.localAddress?.port { continuation.yield(port) }
                continuation.finish()
            },
            logger: quiet
        )
        // Stopped by a graceful shutdown, never by cancelling the serving task: cancelling can
        // leave a just-accepted connection unserved, which SwiftNIO traps on (apple/swift-nio#3481).
        let services = ServiceGroup(configuration: .init(services: [app], logger: quiet))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await services.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                await services.triggerGracefulShutdown()
                throw StartError()
            }
            do {
                let result = try await body(port)
                await services.triggerGracefulShutdown()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }
}
