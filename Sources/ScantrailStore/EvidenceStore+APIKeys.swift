import Foundation

extension EvidenceStore {
    /// A key just made: its record and the secret, shown this once and never stored.
    public struct NewAPIKey: Sendable {
        /// The key as stored.
        public let key: APIKey
        /// The secret (`st_<id>_<43 base64url characters>`, 256 random bits).
        public let secret: String
    }

    /// Makes a key named `name` with `scopes`, expiring at `expiresAt`; records it in the audit log.
    ///
    /// - Throws: ``StoreError`` for an empty name or no scope.
    public func createAPIKey(name: String, scopes: [APIKeyScope], expiresAt: Date?) async throws -> NewAPIKey {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreError.invalid("a key needs a name") }
        guard !scopes.isEmpty else { throw StoreError.invalid("a key needs at least one scope: read, scan or admin") }
        let at = now()
        var random = SystemRandomNumberGenerator()
        let id = "k_" + (0..<4).map { _ in UInt8.random(in: 0...255, using: &random) }.hexString
        let secret = "st_\(id)_" + (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }.base64URLString
        let sorted = Array(Set(scopes)).sorted()
        let key = APIKey(
            id: id, name: name, scopes: sorted, createdAt: at, createdBy: actor, expiresAt: expiresAt, lastUsedAt: nil,
            revokedAt: nil)
        let actor = actor
        try await database.write(reading: [AuditChain.headQuery]) { rows in
            var chain = try AuditChain(headRows: rows[0], at: at, actor: actor)
            try chain.append("apikey.created", subject: id, details: KeyEvent(key))
            let insert = SQLStatement(
                """
                INSERT INTO api_keys (id, name, secret_sha256, scopes, created_at, created_by, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(id), .text(name), .text(CanonicalJSON.sha256(secret)),
                    .text(sorted.map(\.rawValue).joined(separator: ",")), .integer(at.milliseconds), .text(actor),
                    .integer(expiresAt?.milliseconds),
                ])
            return ([insert] + AuditEntry.insert(chain.entries), ())
        }
        return NewAPIKey(key: key, secret: secret)
    }

    /// Every key, oldest first.
    public func apiKeys() async throws -> [APIKey] {
        try await database.rows(SQLStatement("SELECT * FROM api_keys ORDER BY created_at, id")).map(APIKey.init(row:))
    }

    /// Revokes key `id` now; records it in the audit log.
    ///
    /// - Throws: ``StoreError`` for an unknown or already revoked key.
    @discardableResult
    public func revokeAPIKey(_ id: String) async throws -> APIKey {
        try await changeKey(id, action: "apikey.revoked") { key, at in
            SQLStatement("UPDATE api_keys SET revoked_at = ? WHERE id = ?", [.integer(at.milliseconds), .text(key.id)])
        }
    }

    /// Replaces key `id` with a new one of the same name and scopes; the old one keeps working for
    /// `overlap` seconds more, so clients can switch without a gap. Both changes are audited.
    ///
    /// - Throws: ``StoreError`` for an unknown or revoked key.
    public func rotateAPIKey(_ id: String, overlap: TimeInterval) async throws -> NewAPIKey {
        let old = try await changeKey(id, action: "apikey.rotated") { key, at in
            let end = at.addingTimeInterval(overlap)
            let expiry = key.expiresAt.map { min($0, end) } ?? end
            return SQLStatement(
                "UPDATE api_keys SET expires_at = ? WHERE id = ?", [.integer(expiry.milliseconds), .text(key.id)])
        }
        return try await createAPIKey(name: old.name, scopes: old.scopes, expiresAt: nil)
    }

    /// The usable key whose secret is `secret`, its last use noted (at most once a minute);
    /// `nil` for an unknown, revoked or expired one.
    public func authenticate(_ secret: String) async throws -> APIKey? {
        let rows = try await database.rows(
            SQLStatement("SELECT * FROM api_keys WHERE secret_sha256 = ?", [.text(CanonicalJSON.sha256(secret))]))
        let at = now()
        guard let key = try rows.first.map(APIKey.init(row:)), key.isUsable(at: at) else { return nil }
        if key.lastUsedAt.map({ at.timeIntervalSince($0) >= 60 }) ?? true {
            try await database.execute([
                SQLStatement(
                    "UPDATE api_keys SET last_used_at = ? WHERE id = ?", [.integer(at.milliseconds), .text(key.id)])
            ])
        }
        return key
    }

    /// Applies `change` to usable key `id` and audits `action`.
    private func changeKey(
        _ id: String, action: String, _ change: @escaping @Sendable (APIKey, Date) -> SQLStatement
    ) async throws -> APIKey {
        let at = now()
        let actor = actor
        return try await database.write(
            reading: [SQLStatement("SELECT * FROM api_keys WHERE id = ?", [.text(id)]), AuditChain.headQuery]
        ) { rows in
            guard let key = try rows[0].first.map(APIKey.init(row:)) else { throw StoreError.notFound("API key \(id)") }
            guard key.revokedAt == nil else { throw StoreError.invalid("API key \(id) is already revoked") }
            var chain = try AuditChain(headRows: rows[1], at: at, actor: actor)
            try chain.append(action, subject: id, details: KeyEvent(key))
            return ([change(key, at)] + AuditEntry.insert(chain.entries), key)
        }
    }

    /// What key audit entries say: never the secret.
    private struct KeyEvent: Encodable {
        let name: String
        let scopes: [APIKeyScope]
        let expiresAt: Date?

        init(_ key: APIKey) {
            name = key.name
            scopes = key.scopes
            expiresAt = key.expiresAt
        }
    }
}
