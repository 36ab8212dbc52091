import Foundation
import Hummingbird
import ScantrailCore
import ScantrailDemo
import ScantrailStore
import Testing

@testable import ScantrailApp

@Suite("Descriptions are loaded from a file, a URL or the target's usual paths, with errors that name them")
struct DescriptionLoaderTests {
    /// A server that answers `path` with the accounts API's description and 404 elsewhere.
    static func router(servingAt path: String) -> Router<BasicRequestContext> {
        let router = Router()
        router.get(RouterPath(path)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: AccountsAPI.document)))
        }
        return router
    }

    @Test("a description at a usual path of the target is found, with its URL; none found is nil")
    func discovers() async throws {
        try await LocalHTTPServer.withRunning(Self.router(servingAt: "/v3/api-docs")) { port in
            let target = ScanTarget(scheme: "http", host: "127.0.0.1", port: port)
            let found = try await DescriptionLoader.discover(on: target, configuration: ScanConfiguration())
            #expect(found?.url == "http://127.0.0.1:\(port)/v3/api-docs")
            #expect(found?.inventory.operations.isEmpty == false)
        }
        try await LocalHTTPServer.withRunning(Self.router(servingAt: "/elsewhere.json")) { port in
            let target = ScanTarget(scheme: "http", host: "127.0.0.1", port: port)
            let found = try await DescriptionLoader.discover(on: target, configuration: ScanConfiguration())
            #expect(found == nil)
        }
    }

    @Test("a URL is fetched and imported; one that answers 404 is named with its status")
    func url() async throws {
        try await LocalHTTPServer.withRunning(Self.router(servingAt: "/openapi.json")) { port in
            let inventory = try await DescriptionLoader.load(.url("http://127.0.0.1:\(port)/openapi.json"))
            #expect(!inventory.operations.isEmpty)
            let missing = await appError {
                _ = try await DescriptionLoader.load(.url("http://127.0.0.1:\(port)/nope.json"))
            }
            #expect(missing?.description == "http://127.0.0.1:\(port)/nope.json answered 404")
        }
    }

    @Test("a missing file is an invalid request naming the path")
    func missingFile() async {
        let error = await appError { _ = try await DescriptionLoader.load(.file("/nonexistent/openapi.yaml")) }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.description.contains("/nonexistent/openapi.yaml") == true)
    }

    @Test("the inventory renders each operation with its security and the request the checks would send")
    func inventoryText() async throws {
        let (inventory, _) = try await AccountsAPI.description(.flawed)
        let text = InventoryTextRenderer().render(inventory)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "\(inventory.title) \(inventory.version) (\(inventory.specification))")
        #expect(lines.contains { $0.hasPrefix("GET /directory") && $0.hasSuffix(" public") })
        #expect(lines.contains { $0.hasPrefix("    sent as GET /") })
        let secured = inventory.operations.filter(\.isSecured).count
        #expect(text.hasSuffix("\(inventory.operations.count) operations, \(secured) secured\n"))
    }
}

@Suite("Store settings come from flags, then the environment, then the documented defaults")
struct StoreSettingsTests {
    @Test("a flag wins over SCANTRAIL_DATABASE; a postgres:// URL is PostgreSQL, anything else a file")
    func database() throws {
        let environment = ["SCANTRAIL_DATABASE": "/srv/env.db", "USER": "ci"]
        let flagged = try StoreSettings.resolve(
            database: "postgres://u@127.0.0.1/evidence", configPath: nil, actor: nil, environment: environment)
        #expect(flagged.location == .postgres(url: "postgres://u@127.0.0.1/evidence"))
        let fromEnvironment = try StoreSettings.resolve(
            database: nil, configPath: nil, actor: nil, environment: environment)
        #expect(fromEnvironment.location == .sqlite(path: "/srv/env.db"))
    }

    @Test("without either, the store is under XDG_DATA_HOME")
    func xdg() throws {
        let settings = try StoreSettings.resolve(
            database: nil, configPath: nil, actor: "auditor", environment: ["XDG_DATA_HOME": "/data"])
        #expect(settings.location == .sqlite(path: "/data/scantrail/scantrail.db"))
        #expect(settings.actor == "auditor")
    }

    @Test("the actor defaults to user@host")
    func actor() throws {
        let settings = try StoreSettings.resolve(
            database: "/tmp/x.db", configPath: nil, actor: nil, environment: ["USER": "alice"])
        #expect(settings.actor == "alice@\(ProcessInfo.processInfo.hostName)")
    }

    @Test("SCANTRAIL_CONFIG names the configuration file; one that cannot be read is refused by name")
    func configuration() throws {
        let error = appError {
            _ = try StoreSettings.resolve(
                database: "/tmp/x.db", configPath: nil, actor: "a",
                environment: ["SCANTRAIL_CONFIG": "/nonexistent/scantrail.yaml"])
        }
        #expect(error?.description == "cannot read config file /nonexistent/scantrail.yaml")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sla-\(UUID().uuidString).yaml")
        try "sla:\n  high: 14\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let settings = try StoreSettings.resolve(
            database: "/tmp/x.db", configPath: nil, actor: "a", environment: ["SCANTRAIL_CONFIG": file.path])
        #expect(settings.configuration.sla.high == 14)
    }

    @Test("a store location never shows a PostgreSQL password")
    func locationDescription() {
        #expect(!StoreLocation(parsing: "postgres://u:hunter2@127.0.0.1/db").description.contains("hunter2"))
        #expect(StoreLocation(parsing: "~/x.db") == .sqlite(path: NSHomeDirectory() + "/x.db"))
    }
}
