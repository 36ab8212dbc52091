// OpenAPI-driven checks, measured (issue: OpenAPI-driven authentication and authorization):
//   api-benchmark coverage OPERATIONS   operations per second covered by the five API checks
//                                       against an in-process server documenting that many
//   api-benchmark import OPERATIONS     time and peak memory to import a description that size
// Everything runs on 127.0.0.1. Run by Benchmarks/api.sh.
import Foundation
import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import ScantrailHTTP
import ScantrailOpenAPI

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[2]), count > 0 else {
    print("usage: api-benchmark coverage|import OPERATIONS")
    exit(2)
}

/// A description of `count` operations, each on a path of its own, in turn: a GET list, a POST
/// with a body schema (a recursive one), and a GET item; all secured.
func document(operations count: Int) -> String {
    let paths = (0..<count).map { index in
        switch index % 3 {
        case 0:
            return
                #""/r\#(index)": {"get": {"operationId": "list\#(index)", "parameters": [{"name": "page", "in": "query", "schema": {"type": "integer"}}], "responses": {"200": {"description": "ok"}}}}"#
        case 1:
            return
                ##""/r\##(index)": {"post": {"operationId": "create\##(index)", "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}, "responses": {"201": {"description": "ok"}}}}"##
        default:
            return
                #""/r\#(index)/{thingId}": {"get": {"operationId": "get\#(index)", "parameters": [{"name": "thingId", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}], "responses": {"200": {"description": "ok"}}}}"#
        }
    }
    return #"{"openapi": "3.0.3", "info": {"title": "Bench", "version": "1"}, "security": [{"bearer": []}], "paths": {"#
        + paths.joined(separator: ", ")
        + ##"}, "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}, "schemas": {"Thing": {"type": "object", "properties": {"name": {"type": "string"}, "size": {"type": "integer"}, "parent": {"$ref": "#/components/schemas/Thing"}}}}}}"##
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

let clock = ContinuousClock()
switch arguments[1] {
case "import":
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID()).json").path
    try document(operations: count).write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let before = peakMemoryMiB()
    let started = clock.now
    let inventory = try await OpenAPIImporter.importFile(path)
    let elapsed = clock.now - started
    print(
        "import \(inventory.operations.count) \(size) \(String(format: "%.3f", Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))) \(String(format: "%.1f", before)) \(String(format: "%.1f", peakMemoryMiB()))"
    )
case "coverage":
    try await coverage(count)
default:
    print("usage: api-benchmark coverage|import OPERATIONS")
    exit(2)
}

/// Runs the five API checks over `count` documented operations and prints what they covered.
func coverage(_ count: Int) async throws {
    let clock = ContinuousClock()
    let inventory = try await OpenAPIImporter.importDocument(
        Data(document(operations: count).utf8), source: "bench.json"
    ) {
        _ in Data()
    }
    // Every route checks for a bearer token and answers with the caller's own objects.
    let router = Router()
    router.get("/r{index}") { request, _ in
        guard let caller = request.headers[.authorization] else { return Response(status: .unauthorized) }
        let owner = caller.hasSuffix("alice") ? "a" : "b"
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(
                byteBuffer: ByteBuffer(string: #"[{"thingId":"\#(owner)-1"},{"thingId":"\#(owner)-2"}]"#)))
    }
    router.get("/r{index}/{thing}") { request, context in
        guard let caller = request.headers[.authorization] else { return Response(status: .unauthorized) }
        let thing = context.parameters.get("thing") ?? ""
        guard thing.hasPrefix(caller.hasSuffix("alice") ? "a-" : "b-") else { return Response(status: .notFound) }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"thingId":"\#(thing)"}"#)))
    }
    let identities = [("alice", "user"), ("bob", "user"), ("root", "admin")].map { name, role in
        Identity(name: name, role: role, credential: .header(name: "Authorization", value: "Bearer token-\(name)"))
    }
    let api = APIUnderTest(inventory: inventory, identities: identities)
    var configuration = ScanConfiguration()
    configuration.limits.requestBudget = 100 * count
    configuration.limits.scanDeadlineSeconds = 600
    try await LocalHTTPServer.withRunning(router) { port in
        let target = ScanTarget(scheme: "http", host: "127.0.0.1", port: port)
        let started = clock.now
        let result = try await HTTPClientProbe.withProbe(configuration: configuration) { probe in
            try await ScanEngine(
                checks: CheckRegistry.apiChecks(api), configuration: configuration, http: probe,
                redactor: .standard(knownSecrets: api.identities.flatMap(\.credential.secrets))
            )
            .run(target) { _ in }
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "coverage \(inventory.operations.count) \(result.requestsSent) \(result.summary.passed + result.summary.failed + result.summary.inconclusive) \(String(format: "%.3f", seconds))"
        )
    }
}
