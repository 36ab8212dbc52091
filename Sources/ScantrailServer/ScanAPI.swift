import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ScantrailApp
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

    /// Starts a scan for `caller`: a key must hold the `scan` scope; an anonymous caller is
    /// counted per client and per target host, and refused with `Retry-After` past either.
    static func start(
        url: String, description: DescriptionSource, caller: Caller, service: WebService
    ) async throws(ServerError) -> (ScanID, RateLimiter.Decision?) {
        if caller.key != nil, !caller.allows(.scan) { throw .forbidden("the key has no scan scope") }
        var decision: RateLimiter.Decision?
        if caller.key == nil {
            let (perClient, perHost) = policies(service.settings)
            let host = URLComponents(string: url)?.host?.lowercased() ?? url
            for (policy, counted) in [(perClient, caller.quotaKey), (perHost, host)] {
                let use = await service.limiter.use(policy, by: counted)
                guard use.allowed else {
                    throw ServerError(
                        status: .tooManyRequests, title: "Too many scans",
                        detail: policy.name == perHost.name
                            ? "this host was scanned \(policy.limit) times this hour; try again in \(use.reset) s"
                            : "\(policy.limit) scans an hour per client; try again in \(use.reset) s",
                        retryAfter: use.reset)
                }
                if decision == nil { decision = use }
            }
        }
        let id = try await service.registry.submit(url: url, description: description, caller: caller)
        return (id, decision)
    }

    static func add(to router: Router<ServerContext>, service: WebService) {
        router.post("/api/v1/scans") { request, context in
            await service.api(request, context) { caller, _ in
                let body = try await request.body.collect(upTo: WebServer.maxBodyBytes)
                guard let submission = try? JSONDecoder().decode(Submission.self, from: Data(buffer: body)) else {
                    throw ServerError.badRequest(#"the body must be JSON: {"url": "https://api.example.com"}"#)
                }
                let (id, decision) = try await start(
                    url: submission.url, description: try WebServer.remoteDescription(submission.openapi),
                    caller: caller, service: service)
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
