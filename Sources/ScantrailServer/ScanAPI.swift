import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ScantrailApp
import ScantrailCore
import ScantrailReports

/// The scans of the REST API: start one, follow it, fetch its report in any format. Anyone may
/// start a passive scan; anonymous callers are bounded per client and per target host per hour.
enum ScanAPI {
    /// `POST /api/v1/scans`'s body.
    struct Submission: Decodable {
        let url: String
        /// The URL of the API's OpenAPI description.
        let openapi: String?
    }

    /// A scan as the API shows it.
    struct Status: Encodable {
        let id: String
        let target: String
        let status: String
        let submittedAt: Date
        let queuePosition: Int?
        let checksCompleted: Int?
        let checksTotal: Int?
        let reason: String?
        let links: [String: String]

        init(_ scan: HostedScan) {
            id = scan.id.rawValue
            target = scan.target
            submittedAt = scan.submittedAt
            var position: Int?
            var completed: Int?
            var total: Int?
            var reason: String?
            switch scan.state {
            case .queued(let place): (status, position) = ("queued", place)
            case .running(let done, let all, _): (status, completed, total) = ("running", done, all)
            case .finished: status = "finished"
            case .failed(let why): (status, reason) = ("failed", why)
            }
            (queuePosition, checksCompleted, checksTotal, self.reason) = (position, completed, total, reason)
            var links = [
                "self": "/api/v1/scans/\(scan.id)", "page": "/scans/\(scan.id)", "events": "/scans/\(scan.id)/events",
            ]
            if case .finished = scan.state {
                for format in ReportFormat.allCases {
                    links["report.\(format.rawValue)"] = "/api/v1/scans/\(scan.id)/report?format=\(format.rawValue)"
                }
            }
            self.links = links
        }
    }

    /// Anonymous scans per client, and of one target host, per hour.
    static func policies(_ settings: ServerSettings) -> (client: RateLimiter.Policy, host: RateLimiter.Policy) {
        (
            RateLimiter.Policy(name: "scans", limit: settings.anonymousScansPerHour, window: 3_600),
            RateLimiter.Policy(name: "scans-per-host", limit: settings.anonymousScansPerHostPerHour, window: 3_600)
        )
    }

    /// Refuses, before anything a caller sent is read, a scan `caller` could not start: a key
    /// without the `scan` scope, an anonymous client past its hourly quota.
    ///
    /// - Throws: ``ServerError`` 403 or 429 with `Retry-After`.
    static func admit(_ caller: Caller, service: WebService) async throws(ServerError) {
        if caller.key != nil, !caller.allows(.scan) { throw .forbidden("the key has no scan scope") }
        guard caller.key == nil else { return }
        let policy = policies(service.settings).client
        let quota = await service.limiter.peek(policy, by: caller.quotaKey)
        guard quota.allowed else { throw refusal(policy, quota, perHost: false) }
    }

    /// Starts a scan of `url` for `caller`: a key must hold the `scan` scope; an anonymous caller
    /// is counted per client and per target host — under the host's canonical name and every
    /// address it resolves to, so `127.1` and `0x7f.1` are the same host — and refused with
    /// `Retry-After` past either. `description` is read only once the scan is counted.
    static func start(
        url: String, description: () async throws(ServerError) -> DescriptionSource, caller: Caller,
        service: WebService
    ) async throws(ServerError) -> (ScanID, RateLimiter.Decision?) {
        try await admit(caller, service: service)
        var decision: RateLimiter.Decision?
        if caller.key == nil {
            let target: ScanTarget
            do {
                target = try ScanTarget(parsing: url)
            } catch {
                throw .badRequest("\(error)")
            }
            let (perClient, perHost) = policies(service.settings)
            let client = await service.limiter.use(perClient, by: caller.quotaKey)
            guard client.allowed else { throw refusal(perClient, client, perHost: false) }
            let host = await service.limiter.use(perHost, by: await quotaKeys(of: target.host))
            guard host.allowed else { throw refusal(perHost, host, perHost: true) }
            decision = client
        }
        let id = try await service.registry.submit(url: url, description: try await description(), caller: caller)
        return (id, decision)
    }

    /// The names a target host's scans are counted under: its canonical spelling and, for a
    /// name, the addresses it resolves to now.
    static func quotaKeys(of host: String) async -> [String] {
        let canonical = TargetGuard.canonical(host)
        guard IPAddress(host) == nil else { return [canonical] }
        let addresses = (try? await HostResolver.addresses(of: canonical)) ?? []
        return [canonical] + addresses.map(\.description)
    }

    private static func refusal(_ policy: RateLimiter.Policy, _ use: RateLimiter.Decision, perHost: Bool)
        -> ServerError
    {
        ServerError(
            status: .tooManyRequests, title: "Too many scans",
            detail: perHost
                ? "this host was scanned \(policy.limit) times this hour; try again in \(use.reset) s"
                : "\(policy.limit) scans an hour per client; try again in \(use.reset) s",
            retryAfter: use.reset)
    }

    static func add(to router: Router<ServerContext>, service: WebService) {
        router.post("/api/v1/scans") { request, context in
            await service.api(request, context) { caller, _ in
                try await admit(caller, service: service)
                let body = try await request.body(upTo: WebServer.maxBodyBytes)
                guard let submission = try? JSONDecoder().decode(Submission.self, from: Data(buffer: body)) else {
                    throw ServerError.badRequest(#"the body must be JSON: {"url": "https://api.example.com"}"#)
                }
                let (id, decision) = try await start(
                    url: submission.url,
                    description: { () throws(ServerError) in
                        try WebServer.remoteDescription(submission.openapi)
                    }, caller: caller, service: service)
                guard let scan = await service.registry.scan(id) else { throw ServerError.notFound }
                var response = try APIResponses.json(Status(scan), status: .accepted)
                response.headers[.location] = "/api/v1/scans/\(id)"
                decision?.apply(to: &response.headers)
                return response
            }
        }
        router.get("/api/v1/scans/{id}") { request, context in
            await service.api(request, context) { _, _ in
                guard let scan = await WebServer.scan(context, service.registry) else { throw ServerError.notFound }
                return try APIResponses.json(Status(scan))
            }
        }
        router.get("/api/v1/scans/{id}/events") { request, context in
            await service.api(request, context) { _, _ in
                try await WebServer.events(context, service.registry)
            }
        }
        router.get("/api/v1/scans/{id}/report") { request, context in
            await service.api(request, context) { _, _ in
                guard let scan = await WebServer.scan(context, service.registry) else { throw ServerError.notFound }
                let names = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
                let format =
                    try QueryParameters(request).value("format", "one of \(names)", ReportFormat.init(rawValue:))
                    ?? .json
                guard let input = scan.report else {
                    throw ServerError(status: .conflict, title: "Not finished", detail: "the scan has no report yet")
                }
                return Response(
                    status: .ok, headers: [.contentType: APIResponses.mediaType(format)],
                    body: ResponseBody(byteBuffer: ByteBuffer(data: try ReportRenderer().render(format, input))))
            }
        }
    }
}
