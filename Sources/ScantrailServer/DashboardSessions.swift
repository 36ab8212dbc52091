import Crypto
import Foundation
import ScantrailCore

/// Who is signed in to the dashboard: an unguessable session id (in an `HttpOnly`, `Secure`,
/// `SameSite=Strict`, `__Host-` cookie) held against the API key it was opened with. The key is checked
/// again on every request, so revoking it ends its sessions at once. Kept in memory: a restart
/// signs everyone out.
actor DashboardSessions {
    /// How long a session lasts.
    static let lifetime: TimeInterval = 8 * 3_600
    /// The cookie's name.
    static let cookieName = "__Host-scantrail_session"

    private var sessions: [String: (secret: String, expiresAt: Date)] = [:]

    /// Opens a session for the key `secret`; returns its id.
    func open(secret: String) -> String {
        let now = Date()
        sessions = sessions.filter { $0.value.expiresAt > now }
        let id = ScanID.random().rawValue
        sessions[id] = (secret, now.addingTimeInterval(Self.lifetime))
        return id
    }

    /// The key of session `id`, while it lasts.
    func secret(of id: String) -> String? {
        guard let session = sessions[id], session.expiresAt > Date() else { return nil }
        return session.secret
    }

    /// Ends session `id`.
    func close(_ id: String) {
        sessions[id] = nil
    }

    /// The `Set-Cookie` value that holds session `id` (or, with `nil`, clears it).
    static func cookie(_ id: String?) -> String {
        "\(cookieName)=\(id ?? ""); Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=\(id == nil ? 0 : Int(lifetime))"
    }

    /// The token the dashboard's forms carry for session `id`: derived from it (so a page from
    /// another session, or another site, cannot supply it) without revealing it.
    static func formToken(_ id: String) -> String {
        Array(SHA256.hash(data: Data("scantrail form \(id)".utf8)).prefix(16)).hexString
    }

    /// The session id in a `Cookie` header.
    static func id(in header: String?) -> String? {
        CookieHeader.values(cookieName, in: header).first.flatMap { $0.isEmpty ? nil : $0 }
    }
}
