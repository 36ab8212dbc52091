import NIOCore
import NIOHTTP1
import Synchronization

/// Keep-alive connections per endpoint, all served by one event loop (one thread does the
/// scan's I/O; spreading it over more loops measured slower on 2 cores). The scan's per-host
/// limiter bounds how many requests (and so connections) are in flight; the pool only keeps the
/// idle ones for the next request.
final class ConnectionPool: Sendable {
    private let settings: HTTP1Connection.Settings
    private let eventLoop: any EventLoop
    private let idle = Mutex<[Endpoint: [HTTP1Connection]]>([:])

    init(settings: HTTP1Connection.Settings, eventLoop: any EventLoop) {
        self.settings = settings
        self.eventLoop = eventLoop
    }

    /// Sends one request on an idle connection to `endpoint`, or on a new one. A safe request
    /// whose idle connection turns out closed by the server is sent once more on a new one.
    func execute(
        _ head: HTTPRequestHead, body: ByteBuffer?, to endpoint: Endpoint, deadline: NIODeadline, maxBody: Int
    ) async throws -> CollectedResponse {
        if let connection = takeIdle(for: endpoint) {
            do {
                return try await execute(
                    head, body: body, on: connection, endpoint: endpoint, deadline: deadline, maxBody: maxBody)
            } catch TransportError.closedBeforeResponse where [.GET, .HEAD, .OPTIONS].contains(head.method) {
                // The server closed the idle connection as the request went out: try a fresh one.
            }
        }
        let connection = try await HTTP1Connection.connect(to: endpoint, on: eventLoop, settings: settings)
        return try await execute(
            head, body: body, on: connection, endpoint: endpoint, deadline: deadline, maxBody: maxBody)
    }

    /// Closes every idle connection.
    func shutdown() {
        let connections = idle.withLock { idle in
            defer { idle = [:] }
            return idle.values.flatMap { $0 }
        }
        for connection in connections { connection.close() }
    }

    private func execute(
        _ head: HTTPRequestHead, body: ByteBuffer?, on connection: HTTP1Connection, endpoint: Endpoint,
        deadline: NIODeadline, maxBody: Int
    ) async throws -> CollectedResponse {
        let response = try await connection.execute(head, body: body, deadline: deadline, maxBody: maxBody)
        if response.leavesConnectionReusable {
            idle.withLock { $0[endpoint, default: []].append(connection) }
        } else {
            connection.close()
        }
        return response
    }

    private func takeIdle(for endpoint: Endpoint) -> HTTP1Connection? {
        idle.withLock { idle in
            while let connection = idle[endpoint]?.popLast() {
                if connection.isActive { return connection }
            }
            return nil
        }
    }
}
