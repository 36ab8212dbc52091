import Foundation
import Testing

@Suite("API keys from the command line")
struct APIKeysCLITests {
    @Test("create prints the secret once; list never shows it; revoke and rotate change the state")
    func lifecycle() async throws {
        let database = Scantrail.databasePath()
        let created = try await Scantrail.run(
            ["api-keys", "create", "--name", "ci", "--scope", "scan", "--scope", "read", "--expires", "90d"],
            database: database)
        #expect(created.status == 0, "\(created.stderr)")
        let secret = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("st_k_") && created.stderr.contains("shown once"))
        let id = String(secret.dropFirst(3).prefix(10))
        let listed = try await Scantrail.run(["api-keys", "list"], database: database)
        #expect(listed.stdout.contains(id) && listed.stdout.contains("read,scan") && listed.stdout.contains("active"))
        #expect(!listed.stdout.contains(secret))
        let rotated = try await Scantrail.run(["api-keys", "rotate", id, "--overlap-hours", "1"], database: database)
        #expect(rotated.status == 0 && rotated.stdout.hasPrefix("st_k_") && !rotated.stdout.contains(secret))
        #expect(try await Scantrail.run(["api-keys", "revoke", id], database: database).status == 0)
        let after = try await Scantrail.run(["api-keys", "list", "--format", "json"], database: database)
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]])
        #expect(keys.count == 2 && keys.first { $0["id"] as? String == id }?["revokedAt"] != nil)
        let again = try await Scantrail.run(["api-keys", "revoke", id], database: database)
        #expect(again.status == 2 && again.stderr.contains("already revoked"))
        let audit = try await Scantrail.run(["audit", "log"], database: database)
        #expect(audit.stdout.contains("apikey.created") && audit.stdout.contains("apikey.revoked"))
    }
}
