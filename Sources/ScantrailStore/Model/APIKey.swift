import Foundation

/// What an API key may do.
public enum APIKeyScope: String, Codable, Sendable, CaseIterable, Comparable {
    /// Read scans, findings and the audit log.
    case read
    /// Start scans.
    case scan
    /// Everything, keys included.
    case admin

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// An API key of the web service, as the store keeps it: never the secret, only its SHA-256.
public struct APIKey: Codable, Sendable, Hashable {
    /// The key's id (`k_` and 8 hex digits), shown in lists and the audit log.
    public let id: String
    /// What it is for.
    public let name: String
    /// What it may do.
    public let scopes: [APIKeyScope]
    /// When it was made, and by whom.
    public let createdAt: Date
    public let createdBy: String
    /// When it stops working (`nil`: never).
    public let expiresAt: Date?
    /// When it last authenticated a request.
    public let lastUsedAt: Date?
    /// When it was revoked.
    public let revokedAt: Date?

    /// Whether it works at `now`: not revoked, not expired.
    public func isUsable(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }

    /// Whether it may do what `scope` allows (`admin` may do everything).
    public func allows(_ scope: APIKeyScope) -> Bool {
        scopes.contains(scope) || scopes.contains(.admin)
    }
}

extension APIKey {
    init(row: SQLRow) throws {
        id = try row.text("id")
        name = try row.text("name")
        scopes = try row.text("scopes").split(separator: ",").compactMap { APIKeyScope(rawValue: String($0)) }
        createdAt = Date(milliseconds: try row.integer("created_at"))
        createdBy = try row.text("created_by")
        expiresAt = try row.optionalInteger("expires_at").map(Date.init(milliseconds:))
        lastUsedAt = try row.optionalInteger("last_used_at").map(Date.init(milliseconds:))
        revokedAt = try row.optionalInteger("revoked_at").map(Date.init(milliseconds:))
    }
}
