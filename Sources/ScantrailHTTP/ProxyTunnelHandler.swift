import NIOCore

/// Waits for a proxy's answer to `CONNECT`: the promise succeeds on a `2xx` status line, once
/// the whole head has arrived, and fails with the status line otherwise. The tunnel is then the
/// connection, and this handler removes itself.
final class ProxyTunnelHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// Longest proxy answer head read.
    static let maxHeadBytes = 16 << 10

    private let promise: EventLoopPromise<Void>
    private var received: ByteBuffer?

    init(promise: EventLoopPromise<Void>) {
        self.promise = promise
    }

    /// The `CONNECT` request for `authority` (`host:port`), with the proxy's credential if any.
    static func request(authority: String, authorization: String?) -> String {
        "CONNECT \(authority) HTTP/1.1\r\nHost: \(authority)\r\n"
            + (authorization.map { "Proxy-Authorization: \($0)\r\n" } ?? "") + "\r\n"
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        if received == nil { received = chunk } else { received!.writeBuffer(&chunk) }
        guard let head = received, let text = head.getString(at: head.readerIndex, length: head.readableBytes) else {
            return
        }
        guard let end = text.range(of: "\r\n\r\n") else {
            if head.readableBytes > Self.maxHeadBytes { promise.fail(TransportError.proxyUnanswered) }
            return
        }
        let statusLine = String(text[..<end.lowerBound].prefix { $0 != "\r" })
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            promise.fail(TransportError.proxyUnanswered)
            return
        }
        guard (200..<300).contains(status) else {
            promise.fail(TransportError.proxyRefused(String(statusLine.prefix(120))))
            return
        }
        promise.succeed()
        context.pipeline.syncOperations.removeHandler(self, promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(TransportError.proxyUnanswered)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }
}
