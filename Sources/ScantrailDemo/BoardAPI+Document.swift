import Foundation
import ScantrailCore
import ScantrailOpenAPI

extension BoardAPI {
    /// The API's OpenAPI 3.0 description.
    public static let document = #"""
        {
          "openapi": "3.0.3",
          "info": { "title": "Board API", "version": "2.0.0" },
          "servers": [{ "url": "/" }],
          "security": [{ "bearer": [] }],
          "paths": {
            "/notes": {
              "post": {
                "operationId": "addNote",
                "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": {
                  "title": { "type": "string", "example": "stand-up" }, "text": { "type": "string", "example": "ship it" } } } } } },
                "responses": { "201": { "description": "the note, with its id" } }
              }
            },
            "/notes/{noteId}": {
              "parameters": [{ "name": "noteId", "in": "path", "required": true, "schema": { "type": "string" } }],
              "get": { "operationId": "getNote", "responses": { "200": { "description": "the note" } } },
              "put": {
                "operationId": "updateNote",
                "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": {
                  "title": { "type": "string" }, "text": { "type": "string" } } } } } },
                "responses": { "200": { "description": "the note" } }
              },
              "delete": { "operationId": "deleteNote", "responses": { "204": { "description": "deleted" } } }
            },
            "/items": {
              "post": {
                "operationId": "addItem", "summary": "Add a catalogue item (administrator)",
                "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": {
                  "name": { "type": "string", "example": "desk lamp" }, "price": { "type": "string", "example": "39.50" } } } } } },
                "responses": { "201": { "description": "the item, with its id" }, "403": { "description": "not the administrator" } }
              }
            },
            "/items/{itemId}": {
              "parameters": [{ "name": "itemId", "in": "path", "required": true, "schema": { "type": "string" } }],
              "get": { "operationId": "getItem", "responses": { "200": { "description": "the item" } } },
              "delete": {
                "operationId": "removeItem", "summary": "Remove a catalogue item (administrator)",
                "responses": { "204": { "description": "removed" }, "403": { "description": "not the administrator" } }
              }
            }
          },
          "components": { "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } } }
        }
        """#

    /// ann and ben (members) and ops (the administrator).
    public static let identities = [("ann", "member"), ("ben", "member"), ("ops", "admin")].map { name, role in
        Identity(name: name, role: role, credential: .header(name: "Authorization", value: "Bearer b0a4-board-\(name)"))
    }

    /// The API's description, as the OpenAPI-driven checks see it.
    public static func description() async throws -> APIInventory {
        try await OpenAPIImporter.importDocument(Data(document.utf8), source: "openapi.json") { _ in Data() }
    }
}
