import Foundation
import ScantrailCore

/// What names an identity: the identifiers its token's claims and its own profile answers carry
/// (`id`, `username`, `email`…). Its objects can then be requested by them even when everyone
/// can list them (a public user directory), and an answer served to a peer can be told to name
/// it. Values never reach evidence; only the fields they came from.
struct OwnIdentifiers: Sendable {
    /// Fields that hold an account's identifiers, id-like first.
    static let idFields = ["id", "userId", "user_id", "uid", "uuid", "sub"]
    /// Fields that hold an account's name.
    static let nameFields = ["username", "preferred_username", "login", "email"]
    /// Last path segments of profile-like operations (`GET /me`).
    static let profileSegments: Set<String> = ["me", "profile", "account", "user", "whoami", "self", "current"]
    /// Path parameters that name a user, by their lower-cased name.
    static let userParameters: Set<String> = [
        "userid", "user_id", "user", "username", "uid", "accountid", "account", "ownerid", "owner", "memberid",
        "customerid", "profileid",
    ]
    /// Collections whose `{id}` names a user.
    static let userCollections: Set<String> = ["users", "accounts", "members", "customers", "profiles"]

    /// Field → value, the profiles' fields first (what the API itself calls the identity), then
    /// the token's claims.
    let values: [(field: String, value: String)]

    /// The identifiers in `token`'s claims (when a JWT) and at the top level (or under `data` or
    /// `user`) of `profiles`.
    init(token: String, profiles: [JSONValue]) {
        let claims = JSONWebToken(token).map { JSONValue.object($0.claims) }
        var values: [(String, String)] = []
        for object in profiles + [claims].compactMap({ $0 }) {
            for level in [object, object["data"], object["user"]].compactMap({ $0 }) {
                for field in Self.idFields + Self.nameFields {
                    guard let value = level[field]?.text, value.count >= 2,
                        !values.contains(where: { $0.1 == value })
                    else { continue }
                    values.append((field, value))
                }
            }
        }
        self.values = values
    }

    /// Whether `operation` answers with the caller's own profile.
    static func isProfile(_ path: String) -> Bool {
        profileSegments.contains(path.split(separator: "/").last.map { $0.lowercased() } ?? "")
    }

    /// The identifiers that can stand for `parameter` of `path` (`userId` of
    /// `/users/{userId}/orders`): names for a name-like parameter, ids otherwise; none for a
    /// parameter that does not name a user.
    func candidates(for parameter: String, in path: String) -> [String] {
        let name = parameter.lowercased()
        let segments = path.split(separator: "/").map(String.init)
        let before = segments.firstIndex(of: "{\(parameter)}").flatMap { $0 > 0 ? segments[$0 - 1] : nil }
        guard Self.userParameters.contains(name) || (name == "id" && Self.userCollections.contains(before ?? ""))
        else { return [] }
        let fields = name.contains("name") || name == "login" ? Self.nameFields : Self.idFields
        return values.filter { fields.contains($0.field) }.map(\.value)
    }

    /// The fields whose value `text` (JSON) holds as a whole value: `"u-alice"`, or `:7,` for a
    /// number, never as part of another (`alice` inside `u-alice`).
    func named(in text: String) -> [String] {
        values.filter { _, value in
            text.contains("\"\(value)\"") || [",", "}", "]"].contains { text.contains(":\(value)\($0)") }
        }.map(\.field)
    }
}
