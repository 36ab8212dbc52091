import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// How the demo APIs' planted SSRF and command-injection flaws fetch a URL: a plain HTTP/1.0
/// GET, to this machine only (127.0.0.1 or `localhost`), so a demo cannot be turned against
/// anything else; at most 64 KiB, within 5 seconds.
enum DemoFetch {
    /// Why nothing was fetched.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// The body `url` answers with.
    ///
    /// - Throws: ``Refusal`` for a URL off this machine, or one that does not answer in time.
    static func body(of url: String) async throws -> String {
        guard let components = URLComponents(string: url), components.scheme == "http",
            let host = components.host, ["127.0.0.1", "localhost"].contains(host), let port = components.port
        else { throw Refusal(description: "the demo fetches only http://127.0.0.1:PORT/ URLs") }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let collected = Collected()
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(5))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(Collector(collected))
                    }
                }
                .connect(host: "127.0.0.1", port: port).get()
            var request = channel.allocator.buffer(capacity: 128)
            request.writeString("GET \(path) HTTP/1.0\r\nHost: \(host):\(port)\r\nUser-Agent: demo-fetch\r\n\r\n")
            try await channel.writeAndFlush(request)
            let closed = channel.closeFuture
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await closed.get() }
                group.addTask {
                    try await Task.sleep(for: .seconds(5))
                    channel.close(promise: nil)
                }
                try await group.next()
                group.cancelAll()
            }
        } catch {
            throw Refusal(description: "could not fetch \(url): \(error)")
        }
        let response = collected.text
        guard let split = response.range(of: "\r\n\r\n") else { return "" }
        return String(response[split.upperBound...])
    }

    /// The bytes read so far.
    private final class Collected: Sendable {
        private let bytes = Mutex<[UInt8]>([])

        func append(_ more: ByteBuffer) {
            bytes.withLock { bytes in bytes += more.readableBytesView.prefix(max(0, 65_536 - bytes.count)) }
        }

        var text: String { bytes.withLock { String(decoding: $0, as: UTF8.self) } }
    }

    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        private let collected: Collected

        init(_ collected: Collected) { self.collected = collected }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            collected.append(unwrapInboundIn(data))
        }
    }
}
