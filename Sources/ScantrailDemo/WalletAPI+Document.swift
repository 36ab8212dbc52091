import Foundation
import ScantrailCore
import ScantrailOpenAPI

extension WalletAPI {
    /// The API's OpenAPI 3.0 description, as served at `/openapi.json`.
    public static let document = #"""
        {
          "openapi": "3.0.3",
          "info": { "title": "Wallet API", "version": "1.4.0" },
          "servers": [{ "url": "/" }],
          "security": [{ "bearer": [] }],
          "paths": {
            "/health": { "get": { "operationId": "health", "security": [], "responses": { "200": { "description": "up" } } } },
            "/wallet": { "get": { "operationId": "wallet", "responses": { "200": { "description": "the caller's wallet" } } } },
            "/statements": { "get": { "operationId": "statements", "responses": { "200": { "description": "monthly statements" } } } },
            "/cards": { "get": { "operationId": "cards", "responses": { "200": { "description": "the caller's cards" } } } },
            "/logout": { "post": { "operationId": "logout", "responses": { "204": { "description": "the token is revoked" } } } }
          },
          "components": { "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "bearerFormat": "JWT" } } }
        }
        """#

    /// The API as the OpenAPI-driven checks see it: its description, and ana and ben (users),
    /// each with an ES256 bearer token that is renewed, as a login would, by minting another.
    public static func description() async throws -> (inventory: APIInventory, identities: [Identity]) {
        let inventory = try await OpenAPIImporter.importDocument(Data(document.utf8), source: "openapi.json") { _ in
            Data()
        }
        let identities = ["ana", "ben"].map { name in
            let bearer: @Sendable () -> Identity.Credential = {
                .header(name: "Authorization", value: "Bearer \(token(for: name))")
            }
            let first = bearer()
            let renewal = CredentialRenewal(credential: first, expiresAt: nil) { (bearer(), expiresAt: nil) }
            return Identity(name: name, role: "user", credential: first, renewal: renewal)
        }
        return (inventory, identities)
    }
}
