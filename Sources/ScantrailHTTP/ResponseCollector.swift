import Foundation
import NIOCore
import NIOHTTP1
import ScantrailCore

/// One request handed to a connection, with the promise its response completes.
struct OutgoingRequest: Sendable {
    /// The request line and headers.
    let head: HTTPRequestHead
    /// The body, if any.
    let body: ByteBuffer?
    /// When the whole response must have arrived; checked as body chunks come in.
    let deadline: NIODeadline
    /// Bytes of body to keep; reading stops beyond them.
    let maxBody: Int
    /// Completed with the response, or failed with why there is none.
    let promise: EventLoopPromise<CollectedResponse>
}

/// A response as a connection collected it.
struct CollectedResponse: Sendable {
    /// The status line and headers.
    let head: HTTPResponseHead
    /// The body (decompressed), cut at the request's `maxBody`.
    let body: ByteBuffer
    /// Bytes of body received before reading stopped.
    let bodyLength: Int
    /// Whether reading stopped at `maxBody` before the body ended.
    let truncated: Bool

    /// Whether the connection may carry another request afterwards.
    var leavesConnectionReusable: Bool { head.isKeepAlive && !truncated }

    /// The response in the scan's terms.
    var exchangeResponse: HTTPExchange.Response {
        HTTPExchange.Response(
            status: Int(head.status.code),
            headers: head.headers.map { HeaderField(name: $0.name, value: $0.value) },
            body: Data(body.readableBytesView), bodyLength: bodyLength, bodyTruncated: truncated)
    }
}

/// The last handler of a connection's pipeline: writes one request at a time and collects its
/// response, enforcing the body cap, the request deadline and the read timeout. A connection
/// that misbehaved (or was cut short) is closed, so it never carries another request.
final class ResponseCollector: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = OutgoingRequest
    typealias OutboundOut = HTTPClientRequestPart

    private let readTimeout: TimeAmount
    private var pending: OutgoingRequest?
    private var head: HTTPResponseHead?
    private var body = ByteBuffer()
    private var received = 0
    private var lastActivity = NIODeadline.now()
    private var readTimer: Scheduled<Void>?

    init(readTimeout: TimeAmount) {
        self.readTimeout = readTimeout
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        guard pending == nil else {
            request.promise.fail(ChannelError.inappropriateOperationForState)
            promise?.fail(ChannelError.inappropriateOperationForState)
            return
        }
        pending = request
        head = nil
        body.clear()
        received = 0
        lastActivity = .now()
        armReadTimer(context: context)
        context.write(wrapOutboundOut(.head(request.head)), promise: nil)
        if let payload = request.body {
            context.write(wrapOutboundOut(.body(.byteBuffer(payload))), promise: nil)
        }
        context.write(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let request = pending else { return }
        lastActivity = .now()
        switch unwrapInboundIn(data) {
        case .head(let received):
            head = received
        case .body(var chunk):
            received += chunk.readableBytes
            let room = request.maxBody - body.readableBytes
            if room > 0, let kept = chunk.readSlice(length: min(room, chunk.readableBytes)) {
                body.writeImmutableBuffer(kept)
            }
            if received > request.maxBody {
                complete(truncated: true)
                abandon(context)
            } else if lastActivity >= request.deadline {
                fail(TransportError.deadlineExceeded, context: context)
            }
        case .end:
            complete(truncated: false)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset or broken pipe before any response means the server dropped the connection,
        // which on a kept-alive one is worth one more try (see ConnectionPool).
        let dropped = head == nil && error is IOError
        fail(dropped ? TransportError.closedBeforeResponse : error, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        readTimer?.cancel()
        pending?.promise.fail(head == nil ? TransportError.closedBeforeResponse : TransportError.closedMidResponse)
        pending = nil
        context.fireChannelInactive()
    }

    private func complete(truncated: Bool) {
        guard let request = pending, let head else { return }
        pending = nil
        request.promise.succeed(
            CollectedResponse(head: head, body: body, bodyLength: received, truncated: truncated))
        body = ByteBuffer()
    }

    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        pending?.promise.fail(error)
        pending = nil
        abandon(context)
    }

    /// Closes a connection whose response is given up on with a reset (SO_LINGER 0), as a
    /// client that stops reading does: the server's pending writes fail at once instead of
    /// streaming on into a half-closed connection.
    private func abandon(_ context: ChannelHandlerContext) {
        let channel = context.channel
        guard let socket = channel as? any SocketOptionProvider else {
            channel.close(promise: nil)
            return
        }
        socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
    }

    /// One timer per connection, re-armed only when it fires while bytes are still arriving.
    private func armReadTimer(context: ChannelHandlerContext) {
        guard readTimer == nil else { return }
        let due = lastActivity + readTimeout
        readTimer = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(deadline: due) {
            self.readTimer = nil
            guard self.pending != nil else { return }
            if NIODeadline.now() >= self.lastActivity + self.readTimeout {
                self.fail(TransportError.readTimeout, context: context)
            } else {
                self.armReadTimer(context: context)
            }
        }
    }
}
