import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import NIOSSL

/// One keep-alive HTTP/1.1 connection (over TLS for `https`), carrying one request at a time.
final class HTTP1Connection: Sendable {
    /// How connections are made.
    struct Settings: Sendable {
        /// Longest wait for the TCP connection.
        let connectTimeout: TimeAmount
        /// Longest silence while a response is awaited.
        let readTimeout: TimeAmount
        /// Most times a compressed body may expand.
        let decompressionRatio: Int
        /// TLS without certificate verification: trust is the TLS checks' business.
        let tls: NIOSSLContext
    }

    private let channel: any Channel

    private init(channel: any Channel) {
        self.channel = channel
    }

    /// Whether the connection is still open.
    var isActive: Bool { channel.isActive }

    /// Opens a connection to `endpoint`, served by `eventLoop`: directly, or through its proxy
    /// (a `CONNECT` tunnel for `https`).
    static func connect(to endpoint: Endpoint, on eventLoop: any EventLoop, settings: Settings) async throws
        -> HTTP1Connection
    {
        let tunnel = endpoint.proxy != nil && endpoint.usesTLS ? eventLoop.makePromise(of: Void.self) : nil
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(settings.connectTimeout)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tunnel {
                            // TLS and HTTP go on once the proxy has opened the tunnel.
                            try channel.pipeline.syncOperations.addHandler(ProxyTunnelHandler(promise: tunnel))
                        } else {
                            try addHandlers(to: channel, endpoint: endpoint, settings: settings)
                        }
                    }
                }
                .connect(
                    host: endpoint.proxy?.host ?? endpoint.connectHost, port: endpoint.proxy?.port ?? endpoint.port
                )
                .get()
        } catch {
            tunnel?.fail(error)
            throw error
        }
        guard let tunnel else { return HTTP1Connection(channel: channel) }
        let timeout = channel.eventLoop.scheduleTask(in: settings.connectTimeout) {
            tunnel.fail(TransportError.proxyUnanswered)
        }
        let request = ProxyTunnelHandler.request(
            authority: endpoint.connectAuthority, authorization: endpoint.proxy?.authorization)
        do {
            try await channel.writeAndFlush(ByteBuffer(string: request))
            try await tunnel.futureResult.get()
            timeout.cancel()
            try await channel.eventLoop.submit {
                try addHandlers(to: channel, endpoint: endpoint, settings: settings)
            }.get()
        } catch {
            timeout.cancel()
            tunnel.fail(error)  // Ignored when the proxy already answered.
            channel.close(promise: nil)
            throw error
        }
        return HTTP1Connection(channel: channel)
    }

    /// TLS (for `https`), the HTTP/1.1 codec, decompression and the response collector.
    private static func addHandlers(to channel: any Channel, endpoint: Endpoint, settings: Settings) throws {
        let pipeline = channel.pipeline.syncOperations
        if endpoint.usesTLS {
            try pipeline.addHandler(NIOSSLClientHandler(context: settings.tls, serverHostname: endpoint.serverName))
        }
        // Header lines are checked once, by the probe, before they get here.
        try pipeline.addHTTPClientHandlers(enableOutboundHeaderValidation: false)
        try pipeline.addHandler(NIOHTTPResponseDecompressor(limit: .ratio(settings.decompressionRatio)))
        try pipeline.addHandler(ResponseCollector(readTimeout: settings.readTimeout))
    }

    /// Sends one request and waits for its whole response. Cancelling closes the connection.
    func execute(_ head: HTTPRequestHead, body: ByteBuffer?, deadline: NIODeadline, maxBody: Int) async throws
        -> CollectedResponse
    {
        let promise = channel.eventLoop.makePromise(of: CollectedResponse.self)
        let request = OutgoingRequest(head: head, body: body, deadline: deadline, maxBody: maxBody, promise: promise)
        channel.writeAndFlush(request).whenFailure { error in
            // A kept-alive connection the server closed meanwhile: nothing was sent.
            let closed = error as? ChannelError == .ioOnClosedChannel || error as? ChannelError == .alreadyClosed
            promise.fail(closed ? TransportError.closedBeforeResponse : error)
        }
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            channel.close(promise: nil)
        }
    }

    /// Closes the connection.
    func close() {
        channel.close(promise: nil)
    }
}
