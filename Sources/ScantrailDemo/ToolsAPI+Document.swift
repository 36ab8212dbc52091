import Foundation
import ScantrailCore
import ScantrailOpenAPI

extension ToolsAPI {
    /// The API's OpenAPI 3.0 description, as served at `/openapi.json`.
    public static let document = #"""
        {
          "openapi": "3.0.3",
          "info": { "title": "Tools API", "version": "0.9.1" },
          "servers": [{ "url": "/" }],
          "paths": {
            "/avatars": {
              "post": {
                "operationId": "setAvatar", "security": [{ "bearer": [] }],
                "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": {
                  "image_url": { "type": "string", "format": "uri", "example": "https://cdn.example.test/dana.png" } } } } } },
                "responses": { "201": { "description": "the image is stored" }, "202": { "description": "the image is queued" } }
              }
            },
            "/link-preview": {
              "get": {
                "operationId": "linkPreview",
                "parameters": [{ "name": "url", "in": "query", "required": true, "schema": { "type": "string", "format": "uri", "example": "https://cdn.example.test/post.html" } }],
                "responses": { "200": { "description": "a preview of the page" } }
              }
            },
            "/diagnostics/ping": {
              "get": {
                "operationId": "ping",
                "parameters": [{ "name": "host", "in": "query", "required": true, "schema": { "type": "string", "example": "example.com" } }],
                "responses": { "200": { "description": "what ping printed" } }
              }
            },
            "/newsletter": {
              "post": {
                "operationId": "subscribe",
                "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": {
                  "email": { "type": "string", "format": "email", "example": "reader@example.test" } } } } } },
                "responses": { "202": { "description": "subscribed" }, "422": { "description": "not an email address" } }
              }
            }
          },
          "components": { "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } } }
        }
        """#

    /// dana, the one account.
    public static let identity = Identity(
        name: "dana", role: "user", credential: .header(name: "Authorization", value: "Bearer \(token)"))

    /// The API's description, as the OpenAPI-driven checks see it.
    public static func description() async throws -> APIInventory {
        try await OpenAPIImporter.importDocument(Data(document.utf8), source: "openapi.json") { _ in Data() }
    }
}
