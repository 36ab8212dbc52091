import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ScantrailApp
import ScantrailReports
import ScantrailStore

/// The REST API under `/api/v1`: start a scan, follow it, fetch its report in any format.
/// Errors are `application/problem+json` (RFC 9457).
enum APIRoutes {
    /// `POST /api/v1/scans`'s body.
    struct ScanSubmission: Decodable {
        let url: String
    }

    /// A scan as the API shows it.
    struct ScanStatus: Encodable {
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

    static func add(to router: Router<ServerContext>, registry: ScanRegistry, settings: ServerSettings) {
        router.get("/api/v1/findings") { request, _ in
            try await withKey(request, scope: .read, settings: settings) { store in
                let status = request.uri.queryParameters.get("status").flatMap(FindingStatus.init(rawValue:))
                return try json(try await store.findings(status: status))
            }
        }
        router.get("/api/v1/audit/verify") { request, _ in
            try await withKey(request, scope: .read, settings: settings) { store in
                try json(try await store.verifyAudit(verifier: settings.store?.signingKey?.publicKey))
            }
        }
        router.post("/api/v1/scans") { request, context in
            let body = try await request.body.collect(upTo: WebServer.maxBodyBytes)
            guard let submission = try? JSONDecoder().decode(ScanSubmission.self, from: Data(buffer: body)) else {
                return problem(.badRequest(#"the body must be JSON: {"url": "https://api.example.com"}"#))
            }
            do {
                let id = try await registry.submit(url: submission.url, client: context.client)
                guard let scan = await registry.scan(id) else { return problem(.notFound) }
                var response = try json(ScanStatus(scan), status: .accepted)
                response.headers[.location] = "/api/v1/scans/\(id)"
                return response
            } catch let error as ServerError {
                return problem(error)
            }
        }
        router.get("/api/v1/scans/{id}") { _, context in
            guard let scan = await WebServer.scan(context, registry) else { return problem(.notFound) }
            return try json(ScanStatus(scan))
        }
        router.get("/api/v1/scans/{id}/report") { request, context in
            guard let scan = await WebServer.scan(context, registry) else { return problem(.notFound) }
            let name = request.uri.queryParameters.get("format") ?? "json"
            guard let format = ReportFormat(rawValue: name) else {
                return problem(
                    .badRequest(
                        "format must be one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            guard let input = scan.report else {
                return problem(
                    ServerError(status: .conflict, title: "Not finished", detail: "the scan has no report yet"))
            }
            return Response(
                status: .ok, headers: [.contentType: mediaType(format)],
                body: ResponseBody(byteBuffer: ByteBuffer(data: try ReportRenderer().render(format, input))))
        }
    }

    /// Runs `body` with the store when the request's bearer key may do `scope`; else the problem:
    /// 401 without a usable key (with `WWW-Authenticate`), 403 without the scope, 503 without a store.
    static func withKey(
        _ request: Request, scope: APIKeyScope, settings: ServerSettings,
        _ body: @escaping @Sendable (EvidenceStore) async throws -> Response
    ) async throws -> Response {
        guard let store = settings.store else {
            return problem(
                ServerError(
                    status: .serviceUnavailable, title: "No evidence store", detail: "this server records nothing"))
        }
        let header = request.headers[.authorization] ?? ""
        guard header.hasPrefix("Bearer "), !header.dropFirst(7).isEmpty else {
            return unauthorized("an API key is needed: Authorization: Bearer st_…")
        }
        let secret = String(header.dropFirst(7))
        do {
            return try await store.withStore { evidence in
                guard let key = try await evidence.authenticate(secret) else {
                    return unauthorized("the key is unknown, revoked or expired")
                }
                guard key.allows(scope) else {
                    return problem(
                        ServerError(
                            status: .forbidden, title: "Not allowed", detail: "the key has no \(scope.rawValue) scope"))
                }
                return try await body(evidence)
            }
        } catch let error as AppError {
            return problem(
                ServerError(status: .serviceUnavailable, title: "Evidence store unavailable", detail: error.description)
            )
        }
    }

    private static func unauthorized(_ detail: String) -> Response {
        var response = problem(ServerError(status: .unauthorized, title: "Authentication required", detail: detail))
        response.headers[.wwwAuthenticate] = #"Bearer realm="scantrail""#
        return response
    }

    static func mediaType(_ format: ReportFormat) -> String {
        switch format {
        case .text: "text/plain; charset=utf-8"
        case .json, .oscal: "application/json"
        case .sarif: "application/sarif+json"
        case .junit: "application/xml"
        case .markdown: "text/markdown; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(data: try JSONRendering.render(value))))
    }

    /// An RFC 9457 problem document.
    static func problem(_ error: ServerError) -> Response {
        let body: [String: Any] = [
            "type": "about:blank", "title": error.title, "status": Int(error.status.code), "detail": error.detail,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        return Response(
            status: error.status, headers: [.contentType: "application/problem+json"],
            body: ResponseBody(byteBuffer: ByteBuffer(data: data)))
    }
}
