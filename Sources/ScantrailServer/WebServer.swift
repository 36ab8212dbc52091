import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ScantrailApp
import ScantrailCore
import ScantrailMonitor
import ScantrailReports
import ScantrailStore
import ServiceLifecycle

/// `scantrail serve`: the "scan your API" page, a scan's live progress and report, and the REST
/// API under `/api/v1`, on Hummingbird 2. Scans go through the application core in hosted mode.
public enum WebServer {
    /// Largest request body read (a form, a JSON scan request).
    static let maxBodyBytes = 16 << 10
    /// Largest scan form read: it may carry an OpenAPI description.
    static let maxUploadBytes = 4 << 20

    /// Serves until SIGINT or SIGTERM, with the evidence store open for the server's whole life;
    /// on the signal, running scans end as incomplete and are recorded before it returns.
    /// `onRunning` gets the port once listening.
    ///
    /// - Throws: ``ScantrailApp/AppError`` when the store cannot be opened.
    public static func run(_ settings: ServerSettings, logger: Logger, onRunning: @escaping @Sendable (Int) -> Void)
        async throws
    {
        try await withStore(settings) { store in
            let service = WebService(settings: settings, store: store)
            let services = ServiceGroup(
                configuration: .init(
                    services: Self.services(service, try application(service, logger, onRunning)),
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await services.run()
        }
    }

    /// Serves on a free port for the length of `body` (tests), logging to `logger` (nowhere by
    /// default), then shuts down as on SIGTERM.
    public static func withRunning<Result: Sendable>(
        _ settings: ServerSettings,
        logger: Logger = Logger(label: "scantrail.server", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (Int) async throws -> Result
    ) async throws -> Result {
        var settings = settings
        settings.port = 0
        return try await withStore(settings) { store in
            let service = WebService(settings: settings, store: store)
            let (ports, continuation) = AsyncStream<Int>.makeStream()
            let app = try application(service, logger) { port in
                continuation.yield(port)
                continuation.finish()
            }
            let services = ServiceGroup(
                configuration: .init(services: Self.services(service, app), logger: logger))
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await services.run() }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else {
                    await services.triggerGracefulShutdown()
                    throw ServerError.badRequest("the server did not start")
                }
                do {
                    let result = try await body(port)
                    await services.triggerGracefulShutdown()
                    try await group.waitForAll()
                    return result
                } catch {
                    await services.triggerGracefulShutdown()
                    throw error
                }
            }
        }
    }

    /// What runs for the service's life: the scan drain, the application, and the in-process
    /// worker when the settings ask for one.
    private static func services(_ service: WebService, _ app: some Service) -> [any Service] {
        var services: [any Service] = [ScanDrain(registry: service.registry), app]
        if let options = service.settings.worker, let store = service.settings.store {
            services.append(
                WorkerService(
                    worker: ScanWorker(settings: store, options: options), onEvent: service.settings.workerEvents))
        }
        return services
    }

    /// Runs `body` with the settings' store open (or none).
    private static func withStore<Result: Sendable>(
        _ settings: ServerSettings, _ body: (EvidenceStore?) async throws -> Result
    ) async throws -> Result {
        guard let store = settings.store else { return try await body(nil) }
        return try await store.withStore { try await body($0) }
    }

    private static func application(
        _ service: WebService, _ logger: Logger, _ onRunning: @escaping @Sendable (Int) -> Void
    ) throws -> some ApplicationProtocol {
        let router = Router(context: ServerContext.self)
        let tls = try service.settings.tlsConfiguration()
        let servesTLS = tls != nil
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [ProtocolErrorHeaders(servesTLS: servesTLS)],
            idleTimeout: .seconds(Int64(service.settings.idleTimeoutSeconds)))
        router.add(middleware: SecurityHeaders(servesTLS: servesTLS, trustedProxies: service.settings.trustedProxies))
        router.add(middleware: UnmatchedRoutes(table: RouteTable(document: OpenAPIDocument.json)))
        routes(router, service: service)
        return Application(
            router: router,
            server: try tls.map { try .tls(.http1(configuration: http), tlsConfiguration: $0) }
                ?? .http1(configuration: http),
            configuration: .init(
                address: .hostname(service.settings.host, port: service.settings.port), serverName: nil),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) }, logger: logger)
    }

    static func routes(_ router: Router<ServerContext>, service: WebService) {
        let registry = service.registry
        router.get("/") { _, _ in
            CSRFToken.page { Pages.scanForm(csrf: $0) }
        }
        router.post("/scans") { request, context in
            // A post without the page's cookie, or from a client out of scans, is refused before
            // its body is read; only an upload may be larger than a plain form.
            guard CSRFToken.hasCookie(request) else { return CSRFToken.expired }
            let caller = Caller(client: service.client(of: request, context: context), key: nil)
            do throws(ServerError) {
                try await ScanAPI.admit(caller, service: service)
                let form = try await Form(request, limit: Form.isMultipart(request) ? maxUploadBytes : maxBodyBytes)
                if let expired = CSRFToken.refusal(form, request) { return expired }
                guard form["consent"] == "yes" else {
                    return CSRFToken.page(status: .badRequest) {
                        Pages.scanForm(
                            csrf: $0, error: "Confirm that you are allowed to test this API.", url: form["url"] ?? "",
                            openapi: form["openapi"] ?? "")
                    }
                }
                let (id, _) = try await ScanAPI.start(
                    url: form["url"] ?? "", description: { () throws(ServerError) in try await description(form) },
                    caller: caller, service: service)
                return Response(status: .seeOther, headers: [.location: "/scans/\(id)"])
            } catch {
                return page(error)
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
            do {
                return try await events(context, registry)
            } catch {
                return Response(status: .notFound)
            }
        }
        router.get("/api/v1/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        ScanAPI.add(to: router, service: service)
        TrailAPI.add(to: router, service: service)
        DashboardRoutes.add(to: router, service: service)
    }

    /// The scan form's description: the uploaded file, else the URL given, else none.
    static func description(_ form: Form) async throws(ServerError) -> DescriptionSource {
        if let file = form.files["openapi_file"], !file.data.isEmpty {
            do {
                let name = "uploaded \(file.name.isEmpty ? "description" : file.name)"
                return .imported(try await DescriptionLoader.load(uploaded: file.data, name: name), source: name)
            } catch {
                throw .badRequest("\(error)")
            }
        }
        return try remoteDescription(form["openapi"])
    }

    /// The description URL a caller sent (empty or absent: none); never a file of the server.
    ///
    /// - Throws: ``ServerError`` 400 for anything but an http(s) URL.
    static func remoteDescription(_ text: String?) throws(ServerError) -> DescriptionSource {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return .none }
        do {
            return .location(try DescriptionLocation.remote(text))
        } catch {
            throw .badRequest(error.description)
        }
    }

    static func scan(_ context: ServerContext, _ registry: ScanRegistry) async -> HostedScan? {
        guard let id = context.parameters.get("id").flatMap(ScanID.init(link:)) else { return nil }
        return await registry.scan(id)
    }

    /// A scan's Server-Sent Events: its state now, then every change until it ends.
    static func events(_ context: ServerContext, _ registry: ScanRegistry) async throws(ServerError) -> Response {
        guard let id = context.parameters.get("id").flatMap(ScanID.init(link:)), await registry.scan(id) != nil else {
            throw .notFound
        }
        let events = await registry.updates(id).map { ByteBuffer(string: ServerSentEvents.event(for: $0)) }
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
            body: ResponseBody(asyncSequence: events))
    }

    /// The error page for `error`, with its status and `Retry-After`.
    static func page(_ error: ServerError) -> Response {
        var response = html(Pages.error(error), status: error.status)
        if let seconds = error.retryAfter { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Ends the running scans when the server shuts down: each stops where it is, marked
/// incomplete, and is recorded, so a restart loses no result.
struct ScanDrain: Service {
    let registry: ScanRegistry

    func run() async throws {
        try? await gracefulShutdown()
        await registry.drain()
    }
}

/// Server-Sent Events of a scan: `progress` lines while it runs, then `end`.
enum ServerSentEvents {
    static func event(for scan: HostedScan) -> String {
        switch scan.state {
        case .queued, .running: "event: progress\ndata: \(DisplayText.escaped(scan.progressLine))\n\n"
        case .finished: "event: end\ndata: finished\n\n"
        case .failed(let reason): "event: end\ndata: failed: \(DisplayText.escaped(reason))\n\n"
        }
    }
}
