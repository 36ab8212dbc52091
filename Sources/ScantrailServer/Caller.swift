import ScantrailStore

/// Who sent a request: an anonymous client, known by its address, or the holder of an API key
/// (by bearer header, or signed in to the dashboard with it).
struct Caller: Sendable {
    /// The client's address (after a trusted proxy's `X-Forwarded-For`).
    let client: String
    /// The key, when one authenticated the request.
    let key: APIKey?

    /// Who the audit log names for what this caller does.
    var actor: String { key.map { "api-key:\($0.id) (\($0.name))" } ?? "anonymous@\(client)" }

    /// What the rate limits count by: the key, else the address.
    var quotaKey: String { key.map { "key \($0.id)" } ?? "address \(client)" }

    /// Whether the caller may do what `scope` allows.
    func allows(_ scope: APIKeyScope) -> Bool { key?.allows(scope) ?? false }
}
