import Foundation
import ScantrailCore

@testable import ScantrailChecks
@testable import ScantrailOpenAPI

/// Evidence built by hand, for testing `evaluate` as the pure function it is: no server, no I/O.
enum HandBuilt {
    static let origin = "http://127.0.0.1:8080"
    static let location = Location(origin: origin, method: "GET", path: "/")

    /// A `method` request for `/` that got `status` with `headers` and `body`, or failed with `failure`.
    static func exchange(
        method: String = "GET", status: Int = 200, headers: [(String, String)] = [], body: String = "{}",
        requestHeaders: [HeaderField] = [], failure: ProbeFailure? = nil
    ) -> HTTPExchange {
        let response = HTTPExchange.Response(
            status: status, headers: headers.map { HeaderField(name: $0.0, value: $0.1) }, body: Data(body.utf8),
            bodyLength: body.utf8.count, bodyTruncated: false)
        return HTTPExchange(
            request: .init(method: method, url: origin + "/", headers: requestHeaders),
            response: failure == nil ? response : nil, failure: failure, durationMilliseconds: 1, requestsSent: 1)
    }

    /// The base URL's answer, as the header checks keep it.
    static func response(
        status: Int = 200, headers: [(String, String)] = [], body: String = "{}", requestHeaders: [HeaderField] = [],
        failure: ProbeFailure? = nil
    ) -> ResponseEvidence {
        ResponseEvidence(
            location: location,
            exchange: exchange(
                status: status, headers: headers, body: body, requestHeaders: requestHeaders, failure: failure))
    }

    /// The base URL's answer alone, as the checks that walk the API keep it without a description.
    static func surface(
        status: Int = 200, headers: [(String, String)] = [], body: String = "{}", requestHeaders: [HeaderField] = [],
        failure: ProbeFailure? = nil
    ) -> SurfaceEvidence {
        let base = response(
            status: status, headers: headers, body: body, requestHeaders: requestHeaders, failure: failure)
        return SurfaceEvidence(location: base.location, exchange: base.exchange, answers: nil, hostWide: nil)
    }

    /// An API that documents nothing, for checks whose `evaluate` does not read it.
    static let emptyAPI = APIUnderTest(
        inventory: APIInventory(
            specification: "OpenAPI 3.0.3", title: "empty", version: "1", servers: [], securitySchemes: [:],
            operations: [], issues: []),
        identities: [])

    /// A request an OpenAPI-driven check recorded: sent as `sentAs`, answered with `status` and `body`.
    static func record(_ sentAs: String, status: Int = 200, body: String = "{}") -> ExchangeRecord {
        ExchangeRecord(
            exchange(status: status, headers: [("Content-Type", "application/json")], body: body), sentAs: sentAs,
            secrets: [])
    }

    /// A documented operation without a body, its `{name}` path segments declared as path parameters.
    static func operation(_ method: String, _ path: String) -> APIOperation {
        let names = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
        return APIOperation(
            method: method, path: path, operationID: nil, summary: nil, tags: [],
            parameters: names.map {
                APIParameter(
                    name: $0, location: .path, required: true, type: "string", format: nil, enumValues: [], example: nil
                )
            }, requestBody: nil, security: [])
    }

    /// A connection reset, the usual failed fetch.
    static let reset = ProbeFailure(.connectionReset, "reset by peer")
}

extension Array where Element == Outcome {
    /// The status of `rule` (at `discriminator`, when given).
    func status(of rule: String, at discriminator: String? = nil) -> Outcome.Status? {
        first { $0.ruleID == rule && (discriminator == nil || $0.location.discriminator == discriminator) }?.status
    }
}
