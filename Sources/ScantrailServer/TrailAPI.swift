import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ScantrailApp
import ScantrailCore
import ScantrailStore

/// The evidence trail in the REST API, for API keys: targets and their scans, findings (filtered,
/// paged, accepted), the audit log and its verification, and signed evidence bundles.
enum TrailAPI {
    /// A scanned target with its latest scan and open findings by severity.
    struct Target: Encodable {
        let target: String
        let scanCount: Int
        let latestScan: ScanRecord
        let openFindings: [String: Int]
    }

    /// A page of anything, and where the next one starts.
    struct Page<Item: Encodable>: Encodable {
        let items: [Item]
        let next: String?
    }

    /// `POST /api/v1/findings/{id}/accept`'s body.
    struct Decision: Decodable {
        let status: FindingStatus?
        let reason: String
        let expiresAt: Date?
    }

    /// Counts by severity as JSON keys them (`"high": 2`).
    static func severities(_ bySeverity: [Severity: Int]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: bySeverity.map { ($0.key.rawValue, $0.value) })
    }

    static func add(to router: Router<ServerContext>, service: WebService) {
        router.get("/api/v1/targets") { request, context in
            await service.api(request, context, scope: .read) { _, store in
                let targets = try await store.required.targets().map {
                    Target(
                        target: $0.target, scanCount: $0.scanCount, latestScan: $0.latest,
                        openFindings: severities($0.openFindings))
                }
                return try APIResponses.json(["targets": targets])
            }
        }
        router.get("/api/v1/targets/scans") { request, context in
            await service.api(request, context, scope: .read) { _, store in
                let query = QueryParameters(request)
                guard let url = try query.target() else { throw ServerError.badRequest("target is required") }
                let before = try query.number("before", from: 1, "a scan number")
                let limit = try query.limit(maximum: EvidenceStore.maxPageSize) ?? 50
                let scans = try await store.required.recentScans(target: url, before: before, limit: limit)
                let next = scans.count == limit ? scans.last.map { String($0.sequence) } : nil
                return try APIResponses.json(Page(items: scans, next: next))
            }
        }
        router.get("/api/v1/findings") { request, context in
            await service.api(request, context, scope: .read) { _, store in
                let query = QueryParameters(request)
                let filter = FindingFilter(
                    status: try query.value(
                        "status", "open, fixed, accepted or false-positive", FindingStatus.init(rawValue:)) ?? .open,
                    target: try query.target(),
                    severity: try query.value(
                        "severity", "critical, high, medium, low or info", Severity.init(rawValue:)))
                let cursor = try query.value("cursor", "a cursor from a previous page", FindingCursor.init(token:))
                let page = try await store.required.findings(
                    filter, after: cursor, limit: try query.limit(maximum: EvidenceStore.maxPageSize) ?? 50)
                return try APIResponses.json(Page(items: page.findings, next: page.next?.token))
            }
        }
        router.get("/api/v1/findings/counts") { request, context in
            await service.api(request, context, scope: .read) { _, store in
                let target = try QueryParameters(request).target()
                let counts = try await store.required.findingCounts(target: target)
                var byStatus: [String: [String: Int]] = [:]
                for status in FindingStatus.allCases {
                    byStatus[status.rawValue] = severities(counts.bySeverity(status))
                }
                return try APIResponses.json(byStatus)
            }
        }
        router.get("/api/v1/findings/{id}") { request, context in
            await service.api(request, context, scope: .read) { _, store in
                try APIResponses.json(try await store.required.finding(try findingID(context)))
            }
        }
        router.post("/api/v1/findings/{id}/accept") { request, context in
            await service.api(request, context, scope: .admin) { _, store in
                let body = try await request.body(upTo: WebServer.maxBodyBytes)
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                guard let decision = try? decoder.decode(Decision.self, from: Data(buffer: body)) else {
                    throw ServerError.badRequest(
                        #"the body must be JSON: {"status": "accepted", "reason": "…", "expiresAt": "2027-01-01T00:00:00Z"}"#
                    )
                }
                let status = decision.status ?? .accepted
                guard status == .accepted || status == .falsePositive else {
                    throw ServerError.badRequest("status must be accepted or false-positive")
                }
                let finding = try await store.required.accept(
                    try findingID(context), as: status, reason: decision.reason, expiresAt: decision.expiresAt)
                return try APIResponses.json(finding)
            }
        }
        router.get("/api/v1/audit/verify") { request, context in
            await service.api(request, context, scope: .read) { _, store in
                try APIResponses.json(
                    try await store.required.verifyAudit(verifier: service.settings.store?.signingKey?.publicKey))
            }
        }
        router.get("/api/v1/audit/log") { request, context in
            await service.api(request, context, scope: .read) { _, store in
                let query = QueryParameters(request)
                let after = try query.number("after", from: 0, "an entry number") ?? 0
                let limit = try query.limit(maximum: EvidenceStore.maxPageSize) ?? 100
                let entries = try await store.required.auditEntries(after: after, limit: limit)
                let next = entries.count == limit ? entries.last.map { String($0.sequence) } : nil
                return try APIResponses.json(Page(items: entries, next: next))
            }
        }
        router.get("/api/v1/evidence/bundle") { request, context in
            await service.api(request, context, scope: .read) { caller, _ in
                let query = QueryParameters(request)
                guard let target = try query.text("target"), let from = try query.text("from"),
                    let to = try query.text("to")
                else { throw ServerError.badRequest("target, from and to (YYYY-MM-DD) are required") }
                guard var settings = service.settings.store else { throw ServerError.noStore }
                let period: ReportPeriod
                do {
                    period = try ReportPeriod(from: from, to: to)
                } catch {
                    throw ServerError.badRequest("\(error)")
                }
                settings.actor = caller.actor
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scantrail-\(UUID())")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let path = folder.appendingPathComponent("evidence.zip").path
                _ = try await EvidenceExport.export(
                    target: target, period: period, attestations: nil, to: path, settings: settings)
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "application/zip",
                        .contentDisposition: #"attachment; filename="scantrail-evidence.zip""#,
                    ], body: ResponseBody(byteBuffer: ByteBuffer(data: data)))
            }
        }
    }

    /// The `{id}` of a finding route: a fingerprint prefix of 4 to 64 hex digits.
    static func findingID(_ context: ServerContext) throws(ServerError) -> String {
        guard let id = context.parameters.get("id"), (4...64).contains(id.count), id.allSatisfy(\.isHexDigit) else {
            throw .badRequest("a finding id is 4 to 64 hex digits")
        }
        return id
    }
}

extension QueryParameters {
    /// The `target` filter as the store keys it: a base URL in its normal form (`https://host/`).
    func target() throws(ServerError) -> String? {
        try text("target").map { (try? ScanTarget(parsing: $0).url) ?? $0 }
    }
}

extension Optional where Wrapped == EvidenceStore {
    /// The store; ``WebService/api(_:_:scope:_:)`` has checked a scoped route has one.
    var required: EvidenceStore {
        get throws(ServerError) {
            guard let self else { throw .noStore }
            return self
        }
    }
}
