import Foundation
import ScantrailApp
import ScantrailCore
import ScantrailHTTP
import ScantrailStore
import Testing

@testable import ScantrailServer

@Suite("The trail's REST endpoints need a usable API key with the right scope")
struct APIKeyTests {
    @Test("no key is 401 with WWW-Authenticate; a read key reads; a scan-only key is 403; a revoked key is 401")
    func scopes() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("server-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = StoreSettings(
            location: .sqlite(path: folder.appendingPathComponent("trail.db").path), actor: "admin")
        let (reader, scanner) = try await store.withStore { evidence in
            (
                try await evidence.createAPIKey(name: "auditor", scopes: [.read], expiresAt: nil),
                try await evidence.createAPIKey(name: "ci", scopes: [.scan], expiresAt: nil)
            )
        }
        var settings = WebServerTests.settings()
        settings.store = store
        try await WebServer.withRunning(settings) { port in
            func get(_ path: String, key: String?) async throws -> HTTPExchange {
                try await WebServerTests.send(
                    ProbeRequest(
                        url: "http://127.0.0.1:\(port)\(path)",
                        headers: key.map { [HeaderField(name: "Authorization", value: "Bearer \($0)")] } ?? []))
            }
            let anonymous = try await get("/api/v1/findings", key: nil)
            #expect(anonymous.response?.status == 401)
            #expect(anonymous.response?.headers.first("WWW-Authenticate") == #"Bearer realm="scantrail""#)
            #expect(anonymous.response?.headers.first("Content-Type") == "application/problem+json")
            let read = try await get("/api/v1/findings?status=open", key: reader.secret)
            #expect(read.response?.status == 200)
            #expect(
                (try JSONSerialization.jsonObject(with: read.response?.body ?? Data()) as? [String: Any])?["items"]
                    as? [Any] != nil)
            let audit = try await get("/api/v1/audit/verify", key: reader.secret)
            let verification = try JSONSerialization.jsonObject(with: audit.response?.body ?? Data()) as? [String: Any]
            #expect(verification?["entriesChecked"] as? Int == 2)
            #expect(try await get("/api/v1/findings", key: scanner.secret).response?.status == 403)
            #expect(try await get("/api/v1/findings", key: "st_k_00000000_forged").response?.status == 401)
            try await store.withStore { try await $0.revokeAPIKey(reader.key.id) }
            #expect(try await get("/api/v1/findings", key: reader.secret).response?.status == 401)
        }
    }
}
