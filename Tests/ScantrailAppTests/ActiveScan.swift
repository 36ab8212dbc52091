import ScantrailApp
import ScantrailCore
import ScantrailOpenAPI

/// A whole active scan of an API on 127.0.0.1, as `scantrail demo` runs one: its description
/// imported, its identities given, recording nothing.
enum ActiveScan {
    static func run(port: Int, _ inventory: APIInventory, _ identities: [Identity]) async throws -> ScanResult {
        var settings = ScanSettings()
        settings.active = true
        let request = ScanRequest(
            target: ScanTarget(scheme: "http", host: "127.0.0.1", port: port),
            description: .imported(inventory, source: "openapi.json"),
            identities: identities.map(IdentitySource.given), settings: settings)
        return try await ScanSession.withSession(request) { try await $0.run() }
    }
}
