import NIOCore
import NIOPosix
import NIOSSL

/// Reads the certificate chain a server presents through a real handshake (swift-nio-ssl).
/// TLS 1.3 encrypts the Certificate message, so a server that speaks nothing older cannot
/// have its chain read from a hand-built hello.
enum ChainHandshake {
    /// The certificates as presented, leaf first (DER).
    ///
    /// - Throws: ``TLSProbeError/unreachable(_:)`` when nothing accepts the connection; the
    ///   TLS or timeout error when the handshake fails before the certificates arrive.
    static func certificates(of target: TLSProbeTarget, timeout: TimeAmount) async throws -> [[UInt8]] {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv1
        // Checked by CertificateAssessment instead; the callback below only records the chain.
        configuration.certificateVerification = .noHostnameVerification
        let context = try NIOSSLContext(configuration: configuration)
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let promise = eventLoop.makePromise(of: [[UInt8]].self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = try NIOSSLClientHandler(
                            context: context, serverHostname: target.serverName
                        ) { certificates, verification in
                            promise.completeWith(Result { try certificates.map { try $0.toDERBytes() } })
                            verification.succeed(.certificateVerified)
                        }
                        try channel.pipeline.syncOperations.addHandlers([
                            handler, FailureForwarder(promise: promise),
                        ])
                    }
                }
                .connect(host: target.connectHost, port: target.port)
                .get()
        } catch {
            promise.fail(error)
            throw TLSProbeError.unreachable("cannot connect to \(target.connectHostAndPort)")
        }
        eventLoop.scheduleTask(in: timeout) { promise.fail(TimeoutError()) }
        defer { channel.close(promise: nil) }
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            channel.close(promise: nil)
        }
    }

    /// No certificate arrived within the timeout.
    struct TimeoutError: Error, CustomStringConvertible {
        var description: String { "no certificate within the timeout" }
    }

    /// The connection ended before the server presented a certificate.
    struct ClosedError: Error, CustomStringConvertible {
        var description: String { "the connection closed before a certificate arrived" }
    }

    /// Fails the promise when the handshake fails or the connection ends first.
    private final class FailureForwarder: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer

        private let promise: EventLoopPromise<[[UInt8]]>

        init(promise: EventLoopPromise<[[UInt8]]>) {
            self.promise = promise
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            promise.fail(error)
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            promise.fail(ClosedError())
            context.fireChannelInactive()
        }
    }
}
