// OpenAPI-driven checks, measured (issue: OpenAPI-driven authentication and authorization):
//   api-benchmark coverage OPERATIONS   operations per second covered by the five API checks
//                                       against an in-process server documenting that many
//   api-benchmark import OPERATIONS     time and peak memory to import a description that size
//   api-benchmark latency OPERATIONS RTT_MS
//                                       the whole active scan (every check) with three JWT
//                                       identities, through a relay adding RTT_MS of round trip
// Everything runs on 127.0.0.1. Run by Benchmarks/api.sh.
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import ScantrailHTTP
import ScantrailOpenAPI
import ScantrailTestSupport

let arguments = CommandLine.arguments
guard arguments.count >= 3, let count = Int(arguments[2]), count > 0 else {
    print("usage: api-benchmark coverage|import OPERATIONS | latency OPERATIONS RTT_MS")
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
case "latency":
    try await latency(count, roundTrip: arguments.count > 3 ? Int(arguments[3]) ?? 50 : 50)
default:
    print("usage: api-benchmark coverage|import OPERATIONS | latency OPERATIONS RTT_MS")
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
    let router = benchRouter { $0.hasSuffix("alice") ? "a" : "b" }
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

/// Routes for the generated description: every one wants a bearer token and answers with the
/// objects of the owner `owner` names for it (`a` or `b`; `nil`: refused).
func benchRouter(_ owner: @escaping @Sendable (String) -> String?) -> Router<BasicRequestContext> {
    let router = Router()
    router.get("/r{index}") { request, _ in
        guard let owner = request.headers[.authorization].flatMap(owner) else { return Response(status: .unauthorized) }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(
                byteBuffer: ByteBuffer(string: #"[{"thingId":"\#(owner)-1"},{"thingId":"\#(owner)-2"}]"#)))
    }
    router.get("/r{index}/{thing}") { request, context in
        guard let owner = request.headers[.authorization].flatMap(owner) else { return Response(status: .unauthorized) }
        let thing = context.parameters.get("thing") ?? ""
        guard thing.hasPrefix("\(owner)-") else { return Response(status: .notFound) }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"thingId":"\#(thing)"}"#)))
    }
    router.post("/r{index}") { request, _ in
        guard request.headers[.authorization].flatMap(owner) != nil else { return Response(status: .unauthorized) }
        return Response(
            status: .created, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
    }
    return router
}

/// The whole active scan of `count` operations with three HS256-JWT identities (a random key
/// the server verifies), through a relay adding `roundTrip` milliseconds; prints operations,
/// requests, wall seconds and peak memory.
func latency(_ count: Int, roundTrip: Int) async throws {
    let key = SymmetricKey(size: .bits256)
    func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
    func token(_ user: String) -> String {
        let now = Int(Date().timeIntervalSince1970)
        let input =
            base64URL(#"{"alg":"HS256","typ":"JWT"}"#.utf8) + "."
            + base64URL(#"{"sub":"\#(user)","iat":\#(now),"exp":\#(now + 3600)}"#.utf8)
        return input + "." + base64URL(HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: key))
    }
    let tokens = ["alice": token("alice"), "bob": token("bob"), "root": token("root")]
    let owners = Dictionary(uniqueKeysWithValues: tokens.map { ("Bearer \($0.value)", $0.key == "alice" ? "a" : "b") })
    let inventory = try await OpenAPIImporter.importDocument(
        Data(document(operations: count).utf8), source: "bench.json"
    ) {
        _ in Data()
    }
    let identities = [("alice", "user"), ("bob", "user"), ("root", "admin")].map { name, role in
        Identity(name: name, role: role, credential: .header(name: "Authorization", value: "Bearer \(tokens[name]!)"))
    }
    let api = APIUnderTest(inventory: inventory, identities: identities)
    var configuration = ScanConfiguration(active: true)
    // The default budget of an active scan: 1,000, plus 30 and 30 more per documented operation.
    configuration.limits.requestBudget = 1000 + 60 * count
    configuration.limits.scanDeadlineSeconds = 600
    try await LocalHTTPServer.withRunning(benchRouter { owners[$0] }) { port in
        try await LatencyProxy.withRunning(to: port, roundTrip: .milliseconds(Int64(roundTrip))) { relayed in
            let target = ScanTarget(scheme: "http", host: "127.0.0.1", port: relayed)
            let started = ContinuousClock.now
            let result = try await CallbackListener.withListening(host: "127.0.0.1") { callbacks in
                try await HTTPClientProbe.withProbe(configuration: configuration) { probe in
                    try await ScanEngine(
                        checks: CheckRegistry.surface(api)
                            + CheckRegistry.apiChecks(api, dictionary: JWTKeyDictionary(serviceNames: ["Bench"])),
                        configuration: configuration, http: probe,
                        redactor: .standard(knownSecrets: api.identities.flatMap(\.credential.secrets)),
                        callbacks: callbacks
                    )
                    .run(target) { _ in }
                }
            }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let slowest = result.checks.max { $0.durationMilliseconds < $1.durationMilliseconds }
            for check in result.checks.sorted(by: { $0.durationMilliseconds > $1.durationMilliseconds }).prefix(6) {
                FileHandle.standardError.write(
                    Data("  \(check.checkID) \(check.durationMilliseconds) ms, \(check.requestsSent) requests\n".utf8))
            }
            print(
                "latency \(inventory.operations.count) \(roundTrip) \(result.requestsSent) \(String(format: "%.1f", seconds)) \(String(format: "%.1f", peakMemoryMiB())) \(slowest?.checkID ?? "-"):\(slowest?.durationMilliseconds ?? 0)"
            )
        }
    }
}
