import Foundation
import ScantrailCore
import ScantrailStore
import Testing

@Suite("API keys: shown once, stored hashed, scoped, expiring, rotated with an overlap, revoked, audited")
struct APIKeyContractTests {
    @Test("a new key's secret authenticates it, and only its hash is stored", arguments: TestBackend.allCases)
    func createAndAuthenticate(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            let made = try await store.createAPIKey(name: "ci", scopes: [.scan, .read, .scan], expiresAt: nil)
            #expect(made.secret.hasPrefix("st_\(made.key.id)_") && made.secret.count == 3 + 10 + 1 + 43)
            #expect(made.key.scopes == [.read, .scan])
            clock.advance(seconds: 5)
            let found = try await store.authenticate(made.secret)
            #expect(found?.id == made.key.id && found?.allows(.read) == true && found?.allows(.admin) == false)
            #expect(try await store.apiKeys().first?.lastUsedAt == clock.now)
            #expect(try await store.authenticate(made.secret + "x") == nil)
            let rows = try await store.database.rows(SQLStatement("SELECT secret_sha256 FROM api_keys"))
            #expect(try rows.map { try $0.text("secret_sha256") } != [made.secret])
            let audit = try await store.auditEntries()
            #expect(audit.map(\.action) == ["apikey.created"])
            #expect(!audit.contains { $0.details.contains(made.secret) })
        }
    }

    @Test(
        "a revoked or expired key no longer authenticates; revoking twice is refused", arguments: TestBackend.allCases)
    func revokeAndExpire(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            let revoked = try await store.createAPIKey(name: "old", scopes: [.read], expiresAt: nil)
            try await store.revokeAPIKey(revoked.key.id)
            #expect(try await store.authenticate(revoked.secret) == nil)
            await #expect(throws: StoreError.invalid("API key \(revoked.key.id) is already revoked")) {
                try await store.revokeAPIKey(revoked.key.id)
            }
            await #expect(throws: StoreError.notFound("API key k_00000000")) {
                try await store.revokeAPIKey("k_00000000")
            }
            let expiring = try await store.createAPIKey(
                name: "temp", scopes: [.read], expiresAt: clock.now.addingTimeInterval(3600))
            #expect(try await store.authenticate(expiring.secret) != nil)
            clock.advance(seconds: 3601)
            #expect(try await store.authenticate(expiring.secret) == nil)
            #expect(
                try await store.auditEntries().map(\.action) == ["apikey.created", "apikey.revoked", "apikey.created"])
        }
    }

    @Test(
        "rotation gives a new key and lets the old one work through the overlap only", arguments: TestBackend.allCases)
    func rotate(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            let old = try await store.createAPIKey(name: "deploy", scopes: [.scan], expiresAt: nil)
            let new = try await store.rotateAPIKey(old.key.id, overlap: 24 * 3600)
            #expect(new.key.name == "deploy" && new.key.scopes == [.scan] && new.key.id != old.key.id)
            clock.advance(seconds: 23 * 3600)
            let (oldDuring, newDuring) = (
                try await store.authenticate(old.secret), try await store.authenticate(new.secret)
            )
            #expect(oldDuring != nil && newDuring != nil)
            clock.advance(seconds: 2 * 3600)
            #expect(try await store.authenticate(old.secret) == nil)
            #expect(try await store.authenticate(new.secret) != nil)
            #expect(
                try await store.auditEntries().map(\.action) == ["apikey.created", "apikey.rotated", "apikey.created"])
        }
    }

    @Test("a key needs a name and a scope", arguments: TestBackend.allCases)
    func refused(backend: TestBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: StoreError.self) {
                try await store.createAPIKey(name: " ", scopes: [.read], expiresAt: nil)
            }
            await #expect(throws: StoreError.self) {
                try await store.createAPIKey(name: "x", scopes: [], expiresAt: nil)
            }
        }
    }
}
