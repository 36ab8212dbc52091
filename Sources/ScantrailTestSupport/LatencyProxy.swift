import NIOCore
import NIOPosix

/// A TCP relay on 127.0.0.1 that holds every chunk for half a round trip in each direction:
/// a target `roundTrip` away, for latency tests and benchmarks (the kernel here has no netem).
public enum LatencyProxy {
    /// Runs `body` with the port of a relay to `port` on 127.0.0.1 that adds `roundTrip`.
    public static func withRunning<Result: Sendable>(
        to port: Int, roundTrip: TimeAmount, _ body: (Int) async throws -> Result
    ) async throws -> Result {
        let delay = TimeAmount.nanoseconds(roundTrip.nanoseconds / 2)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { inbound in
                ClientBootstrap(group: inbound.eventLoop).connect(host: "127.0.0.1", port: port).flatMap { outbound in
                    inbound.pipeline.addHandler(DelayedRelay(partner: outbound, delay: delay)).flatMap {
                        outbound.pipeline.addHandler(DelayedRelay(partner: inbound, delay: delay))
                    }
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        do {
            let result = try await body(server.localAddress?.port ?? 0)
            try await server.close()
            return result
        } catch {
            try? await server.close()
            throw error
        }
    }
}

/// Forwards what one side reads to the other after `delay`, and its end too.
final class DelayedRelay: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let partner: any Channel
    private let delay: TimeAmount

    init(partner: any Channel, delay: TimeAmount) {
        self.partner = partner
        self.delay = delay
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let partner = partner
        context.eventLoop.scheduleTask(in: delay) { partner.writeAndFlush(buffer, promise: nil) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let partner = partner
        context.eventLoop.scheduleTask(in: delay) { partner.close(promise: nil) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
