import NIOCore
import NIOPosix

/// A raw TCP listener on a loopback address and a free port, each connection served by a fresh
/// handler, for the length of a closure: what the scripted test servers stand on.
enum LoopbackListener {
    /// Listens on `host`, runs `body` with the port, and closes the listener however `body` ends.
    static func withRunning<Result: Sendable>(
        host: String, handler makeHandler: @escaping @Sendable () -> any ChannelHandler,
        _ body: (_ port: Int) async throws -> Result
    ) async throws -> Result {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(makeHandler())
                }
            }
            .bind(host: host, port: 0)
            .get()
        do {
            let result = try await body(channel.localAddress!.port!)
            try await channel.close()
            return result
        } catch {
            try? await channel.close()
            throw error
        }
    }
}
