import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ScantrailApp
import ScantrailReports
import ServiceLifecycle

/// `scantrail serve`: the "scan your API" page, a scan's live progress and report, and the REST
/// API under `/api/v1`, on Hummingbird 2. Scans go through the application core in hosted mode.
public enum WebServer {
    /// Largest request body read (a form, a JSON scan request).
    static let maxBodyBytes = 16 << 10

    /// Serves until SIGINT or SIGTERM; `onRunning` gets the port once listening.
    public static func run(_ settings: ServerSettings, logger: Logger, onRunning: @escaping @Sendable (Int) -> Void)
        async throws
    {
        let app = application(settings, logger: logger, onRunning: onRunning)
        let services = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await services.run()
    }

    /// Serves on a free port for the length of `body` (tests).
    public static func withRunning<Result: Sendable>(
        _ settings: ServerSettings, _ body: (Int) async throws -> Result
    ) async throws -> Result {
        var settings = settings
        settings.port = 0
        let quiet = Logger(label: "scantrail.server", factory: { _ in SwiftLogNoOpLogHandler() })
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = application(settings, logger: quiet) { port in
            continuation.yield(port)
            continuation.finish()
        }
        let services = ServiceGroup(configuration: .init(services: [app], logger: quiet))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                await services.triggerGracefulShutdown()
                throw ServerError.badRequest("the server did not start")
            }
            defer { Task { await services.triggerGracefulShutdown() } }
            return try await body(port)
        }
    }

    private static func application(
        _ settings: ServerSettings, logger: Logger, onRunning: @escaping @Sendable (Int) -> Void
    ) -> some ApplicationProtocol {
        let router = Router(context: ServerContext.self)
        router.add(middleware: SecurityHeaders())
        routes(router, registry: ScanRegistry(settings: settings), settings: settings)
        return Application(
            router: router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) }, logger: logger)
    }

    static func routes(_ router: Router<ServerContext>, registry: ScanRegistry, settings: ServerSettings) {
        router.get("/") { _, _ in
            let token = CSRFToken.fresh()
            var response = html(Pages.scanForm(csrf: token))
            response.headers[.setCookie] = CSRFToken.cookie(token)
            return response
        }
        router.post("/scans") { request, context in
            let form = try await Form(request)
            guard CSRFToken.matches(form["csrf"], cookie: request.headers[.cookie]) else {
                return html(Pages.error(.badRequest("the form expired: reload the page")), status: .forbidden)
            }
            guard form["consent"] == "yes" else {
                let token = CSRFToken.fresh()
                var response = html(
                    Pages.scanForm(
                        csrf: token, error: "Confirm that you are allowed to test this API.", url: form["url"] ?? ""),
                    status: .badRequest)
                response.headers[.setCookie] = CSRFToken.cookie(token)
                return response
            }
            do {
                let id = try await registry.submit(url: form["url"] ?? "", client: context.client)
                return Response(status: .seeOther, headers: [.location: "/scans/\(id)"])
            } catch let error as ServerError {
                return html(Pages.error(error), status: error.status)
            }
        }
        router.get("/scans/{id}") { _, context in
            guard let scan = await scan(context, registry) else {
                return html(Pages.error(.notFound), status: .notFound)
            }
            switch scan.state {
            case .finished: return html(scan.report.map { HTMLRenderer().render($0) } ?? "")
            case .failed(let reason): return html(Pages.failed(scan, reason: reason))
            case .queued, .running: return html(Pages.progress(scan))
            }
        }
        router.get("/scans/{id}/events") { _, context in
            guard let id = context.parameters.get("id").flatMap(ScanID.init(link:)) else {
                return Response(status: .notFound)
            }
            let updates = await registry.updates(id)
            let events = updates.map { scan -> ByteBuffer in
                ByteBuffer(string: ServerSentEvents.event(for: scan))
            }
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: ResponseBody(asyncSequence: events))
        }
        APIRoutes.add(to: router, registry: registry, settings: settings)
    }

    static func scan(_ context: ServerContext, _ registry: ScanRegistry) async -> HostedScan? {
        guard let id = context.parameters.get("id").flatMap(ScanID.init(link:)) else { return nil }
        return await registry.scan(id)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Server-Sent Events of a scan: `progress` lines while it runs, then `end`.
enum ServerSentEvents {
    static func event(for scan: HostedScan) -> String {
        switch scan.state {
        case .queued, .running: "event: progress\ndata: \(scan.progressLine)\n\n"
        case .finished: "event: end\ndata: finished\n\n"
        case .failed(let reason): "event: end\ndata: failed: \(reason.replacingOccurrences(of: "\n", with: " "))\n\n"
        }
    }
}

/// A submitted `application/x-www-form-urlencoded` form.
struct Form {
    private let fields: [String: String]

    init(_ request: Request) async throws {
        let body = try await request.body.collect(upTo: WebServer.maxBodyBytes)
        let text = String(buffer: body).replacingOccurrences(of: "+", with: " ")
        var components = URLComponents()
        components.percentEncodedQuery = text
        var fields: [String: String] = [:]
        for item in components.queryItems ?? [] where fields[item.name] == nil { fields[item.name] = item.value ?? "" }
        self.fields = fields
    }

    subscript(_ name: String) -> String? { fields[name] }
}

/// Double-submit CSRF protection: the form carries a random token the browser also holds in a
/// `SameSite=Strict`, `HttpOnly` cookie; a cross-site post has the one but not the other.
enum CSRFToken {
    static func fresh() -> String { ScanID.random().rawValue }

    static func cookie(_ token: String) -> String {
        "scantrail_csrf=\(token); Path=/; HttpOnly; SameSite=Strict; Secure"
    }

    static func matches(_ submitted: String?, cookie header: String?) -> Bool {
        guard let submitted, !submitted.isEmpty, let header else { return false }
        return header.split(separator: ";").contains {
            $0.trimmingCharacters(in: .whitespaces) == "scantrail_csrf=\(submitted)"
        }
    }
}
