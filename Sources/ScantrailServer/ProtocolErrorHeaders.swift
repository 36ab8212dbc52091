import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Puts ``SecurityHeaders``' headers on the answers the HTTP layer writes by itself, before any
/// route or middleware sees a request: the 400 for a request it cannot parse (headers too large,
/// a malformed line). An answer that already carries them — every routed one — passes as it is.
final class ProtocolErrorHeaders: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Whether the server itself speaks TLS (HSTS is then set).
    private let servesTLS: Bool

    init(servesTLS: Bool) {
        self.servesTLS = servesTLS
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data), head.headerFields[.xContentTypeOptions] == nil else {
            context.write(data, promise: promise)
            return
        }
        SecurityHeaders.apply(to: &head.headerFields, overHTTPS: servesTLS)
        context.write(wrapOutboundOut(.head(head)), promise: promise)
    }
}
