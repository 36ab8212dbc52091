import NIOCore
import Synchronization

/// A raw TCP server on the loopback interface that answers each request head it reads with canned bytes,
/// for the wire behaviours a framework server will not show: connections closed without
/// notice, bodies delimited by the end of the connection, a TLS port that is not TLS. It
/// counts the connections accepted.
public final class ScriptedServer: Sendable {
    /// What the server does after reading one request head.
    public enum Reply: Sendable {
        /// Writes the bytes and keeps the connection open.
        case keepOpen(String)
        /// Writes the bytes and closes the connection.
        case thenClose(String)
    }

    private let connections = Atomic<Int>(0)
    private let reply: @Sendable (_ requestHead: String) -> Reply

    private init(reply: @escaping @Sendable (String) -> Reply) {
        self.reply = reply
    }

    /// Connections accepted so far.
    public var connectionsAccepted: Int { connections.load(ordering: .relaxed) }

    /// Runs `body` with the server listening; `reply` decides the answer to each request head.
    /// A `greeting` is written as soon as a connection opens, before anything is read (a banner,
    /// as SMTP or SSH servers send).
    public static func withRunning<Result: Sendable>(
        host: String = "127.0.0.1",
        greeting: String? = nil,
        reply: @escaping @Sendable (_ requestHead: String) -> Reply,
        _ body: (_ server: ScriptedServer, _ port: Int) async throws -> Result
    ) async throws -> Result {
        let server = ScriptedServer(reply: reply)
        return try await LoopbackListener.withRunning(
            host: host,
            handler: {
                server.connections.add(1, ordering: .relaxed)
                return Responder(greeting: greeting, reply: server.reply)
            }
        ) { port in try await body(server, port) }
    }

    private final class Responder: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private let greeting: String?
        private let reply: @Sendable (String) -> Reply
        private var received = ""

        init(greeting: String?, reply: @escaping @Sendable (String) -> Reply) {
            self.greeting = greeting
            self.reply = reply
        }

        func channelActive(context: ChannelHandlerContext) {
            if let greeting {
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: greeting)), promise: nil)
            }
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            received += String(buffer: unwrapInboundIn(data))
            while let end = received.range(of: "\r\n\r\n") {
                let head = String(received[..<end.lowerBound])
                received = String(received[end.upperBound...])
                switch reply(head) {
                case .keepOpen(let bytes):
                    context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: bytes)), promise: nil)
                case .thenClose(let bytes):
                    context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: bytes))).whenComplete { _ in
                        context.close(promise: nil)
                    }
                    return
                }
            }
        }
    }
}
