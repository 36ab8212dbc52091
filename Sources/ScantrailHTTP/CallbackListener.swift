import NIOCore
import NIOHTTP1
import NIOPosix
import ScantrailCore
import Synchronization

/// The scan's own out-of-band callback listener: a small HTTP/1.1 server that answers every
/// probe URL a ``CallbackRecorder`` issued with that probe's content, records the request, and
/// answers anything else `404`. It reads no body and keeps no connection open beyond one request.
public enum CallbackListener {
    /// Why the listener did not start.
    public struct StartError: Error, CustomStringConvertible {
        /// What went wrong, with the address.
        public let description: String
    }

    /// Listens on `host`:`port` (0 picks a free port) while `body` runs, with a recorder whose
    /// probe URLs are under `advertised` (by default `http://host:port`, the port as bound), then
    /// stops listening however `body` ends.
    ///
    /// - Throws: ``StartError`` when the address cannot be bound, or what `body` throws.
    public static func withListening<Result: Sendable>(
        host: String, port: Int = 0, advertised: String? = nil, _ body: (CallbackRecorder) async throws -> Result
    ) async throws -> Result {
        let recorder = RecorderSlot()
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMapThrowing {
                        try channel.pipeline.syncOperations.addHandler(CallbackHandler(recorder: recorder))
                    }
                }
                .bind(host: host, port: port)
                .get()
        } catch {
            throw StartError(description: "the callback listener cannot listen on \(host):\(port): \(error)")
        }
        let bound = channel.localAddress?.port ?? port
        let own = host.contains(":") ? "http://[\(host)]:\(bound)" : "http://\(host):\(bound)"
        let made = CallbackRecorder(baseURL: advertised ?? own)
        recorder.set(made)
        do {
            let result = try await body(made)
            try? await channel.close()
            return result
        } catch {
            try? await channel.close()
            throw error
        }
    }

    /// The local address this machine sends from towards `host` (the address a target on that
    /// network would reach it at), found by connecting a UDP socket, which sends nothing.
    ///
    /// - Throws: ``StartError`` when `host` cannot be resolved or routed to.
    public static func localAddress(towards host: String, port: Int) async throws -> String {
        do {
            let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: host, port: port).get()
            defer { channel.close(promise: nil) }
            guard let address = channel.localAddress?.ipAddress else {
                throw StartError(description: "no local address towards \(host)")
            }
            return address
        } catch let error as StartError {
            throw error
        } catch {
            throw StartError(description: "no local address towards \(host): \(error)")
        }
    }
}

/// The recorder, set once the bound port (part of its URLs) is known; a request before then is
/// answered `404`.
private final class RecorderSlot: Sendable {
    private let recorder = Mutex<CallbackRecorder?>(nil)

    func set(_ recorder: CallbackRecorder) { self.recorder.withLock { $0 = recorder } }
    var current: CallbackRecorder? { recorder.withLock { $0 } }
}

/// Answers one request per connection: the probe's content, or `404`.
private final class CallbackHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let recorder: RecorderSlot
    private var head: HTTPRequestHead?

    init(recorder: RecorderSlot) {
        self.recorder = recorder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            head = request
        case .body:
            break
        case .end:
            guard let request = head else { return }
            head = nil
            let content = recorder.current?.record(
                path: request.uri, method: request.method.rawValue,
                peer: context.remoteAddress?.ipAddress ?? "unknown", userAgent: request.headers["User-Agent"].first)
            let body = content ?? "not found\n"
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
            headers.add(name: "Content-Length", value: "\(body.utf8.count)")
            headers.add(name: "Connection", value: "close")
            let status: HTTPResponseStatus = content == nil ? .notFound : .ok
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))),
                promise: nil)
            if request.method != .HEAD {
                context.write(
                    wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
            }
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
        }
    }
}
