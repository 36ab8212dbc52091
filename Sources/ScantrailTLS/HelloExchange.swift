import NIOCore
import NIOPosix

/// An outcome that can say "no verdict", and why.
protocol InconclusiveOutcome: Sendable {
    static func inconclusive(_ reason: String) -> Self
}

extension HelloOutcome: InconclusiveOutcome {}

/// Reads a server's reply to one hello, fed as bytes arrive.
protocol ReplyParsing: Sendable {
    /// What the reply means.
    associatedtype Outcome: InconclusiveOutcome
    /// The outcome, once `bytes` (with what came before) settle it.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> Outcome?
    /// The outcome when the connection ends first.
    func finish() -> Outcome
}

extension ServerReplyParser: ReplyParsing {}

/// Sends one hello on a fresh TCP connection and reads the reply (SwiftNIO).
enum HelloExchange {
    /// Sends a ClientHello to `target` and parses the TLS reply.
    static func send(
        _ hello: [UInt8], to target: TLSProbeTarget, readsWholeFlight: Bool, timeout: TimeAmount
    ) async throws -> HelloOutcome {
        try await send(
            hello, to: target, parser: ServerReplyParser(readsWholeFlight: readsWholeFlight), timeout: timeout)
    }

    /// Sends `hello` to `target` and reads the reply with `parser`. Connection refused or an
    /// unresolvable name throw ``TLSProbeError/unreachable(_:)``; every other failure is an
    /// inconclusive outcome.
    static func send<Parser: ReplyParsing>(
        _ hello: [UInt8], to target: TLSProbeTarget, parser: Parser, timeout: TimeAmount
    ) async throws -> Parser.Outcome {
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let promise = eventLoop.makePromise(of: Parser.Outcome.self)
        let channel: any Channel
        do {
            // The reader is in place before the first byte can arrive: a server that speaks
            // first (SSH, SMTP) must not have its banner dropped.
            channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(timeout)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ReplyReader(parser: parser, promise: promise, timeout: timeout))
                    }
                }
                .connect(host: target.connectHost, port: target.port)
                .get()
        } catch let error as ChannelError {
            promise.fail(error)
            if case .connectTimeout = error { return .inconclusive("no TCP connection within the timeout") }
            throw TLSProbeError.unreachable("cannot connect to \(target.connectHostAndPort)")
        } catch {
            promise.fail(error)
            throw TLSProbeError.unreachable("cannot connect to \(target.connectHostAndPort)")
        }
        channel.writeAndFlush(ByteBuffer(bytes: hello), promise: nil)
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            channel.close(promise: nil)
        }
    }

    /// Feeds what arrives to the parser and completes the promise with the first outcome.
    private final class ReplyReader<Parser: ReplyParsing>: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer

        private var parser: Parser
        private let promise: EventLoopPromise<Parser.Outcome>
        private let timeout: TimeAmount

        init(parser: Parser, promise: EventLoopPromise<Parser.Outcome>, timeout: TimeAmount) {
            self.parser = parser
            self.promise = promise
            self.timeout = timeout
        }

        func channelActive(context: ChannelHandlerContext) {
            let promise = promise
            let channel = context.channel
            let reason = "no complete reply within \(timeout.nanoseconds / 1_000_000) ms"
            context.eventLoop.scheduleTask(in: timeout) {
                promise.succeed(.inconclusive(reason))
                channel.close(promise: nil)
            }
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            if let outcome = parser.feed(buffer.readableBytesView) {
                promise.succeed(outcome)
                context.close(promise: nil)
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            promise.succeed(parser.finish())
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            // A reset: what was read so far decides, as for a close.
            promise.succeed(parser.finish())
            context.close(promise: nil)
        }
    }
}
