import Foundation
import ScantrailCore
import ScantrailOpenAPI

extension AccountsAPI {
    /// The API as the OpenAPI-driven checks see it: its description, and alice and bob (users)
    /// and root (admin), each with a bearer token the `profile` face signed and the user name
    /// it signs in with.
    public static func description(_ profile: Profile) async throws -> (inventory: APIInventory, identities: [Identity])
    {
        let inventory = try await OpenAPIImporter.importDocument(Data(document.utf8), source: "openapi.json") { _ in
            Data()
        }
        let identities = [("alice", "user"), ("bob", "user"), ("root", "admin")].map { name, role in
            Identity(
                name: name, role: role,
                credential: .header(name: "Authorization", value: "Bearer \(token(for: name, profile: profile))"),
                account: name)
        }
        return (inventory, identities)
    }
}
