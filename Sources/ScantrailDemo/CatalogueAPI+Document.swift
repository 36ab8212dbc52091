import Foundation
import ScantrailCore
import ScantrailOpenAPI

extension CatalogueAPI {
    /// The API's OpenAPI 3.0 description, as served at `/openapi.json`.
    public static let document = #"""
        {
          "openapi": "3.0.3",
          "info": { "title": "Catalogue API", "version": "3.2.0" },
          "servers": [{ "url": "/" }],
          "paths": {
            "/partner/feed": {
              "get": {
                "operationId": "partnerFeed", "tags": ["partners"],
                "responses": { "200": { "description": "prices for partner sites, read cross-origin" } }
              }
            },
            "/session": {
              "get": {
                "operationId": "session",
                "responses": { "200": { "description": "the browser session, started with a cookie" } }
              }
            },
            "/products": {
              "get": {
                "operationId": "listProducts",
                "parameters": [{ "name": "category", "in": "query", "schema": { "type": "string", "example": "lamps" } }],
                "responses": { "200": { "description": "the products of a category" } }
              }
            },
            "/products/{sku}": {
              "get": {
                "operationId": "getProduct",
                "parameters": [{ "name": "sku", "in": "path", "required": true, "schema": { "type": "string", "example": "LAMP-01" } }],
                "responses": { "200": { "description": "one product" } }
              }
            },
            "/reviews": {
              "get": {
                "operationId": "listReviews",
                "parameters": [{ "name": "minRating", "in": "query", "schema": { "type": "integer", "example": 4 } }],
                "responses": { "200": { "description": "ratings at or above the minimum" } }
              }
            },
            "/search": {
              "post": {
                "operationId": "search",
                "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": {
                  "term": { "type": "string", "example": "lamp" }, "limit": { "type": "integer", "example": 5 } } } } } },
                "responses": { "200": { "description": "matching products" } }
              }
            },
            "/login": {
              "post": {
                "operationId": "login",
                "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": {
                  "email": { "type": "string", "format": "email" }, "password": { "type": "string", "format": "password" } } } } } },
                "responses": { "200": { "description": "a token" }, "401": { "description": "refused" } }
              }
            },
            "/signup": {
              "post": {
                "operationId": "signUp",
                "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": {
                  "email": { "type": "string", "format": "email" }, "password": { "type": "string", "format": "password" },
                  "name": { "type": "string", "example": "Cleo" } } } } } },
                "responses": { "201": { "description": "the account is created" } }
              }
            },
            "/me": {
              "get": {
                "operationId": "me", "security": [{ "bearer": [] }],
                "responses": { "200": { "description": "the caller's profile" }, "401": { "description": "signed out" } }
              }
            },
            "/password-reset": {
              "post": {
                "operationId": "resetPassword",
                "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": {
                  "email": { "type": "string", "format": "email" } } } } } },
                "responses": { "202": { "description": "a link is sent if the account exists" } }
              }
            }
          },
          "components": { "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } } }
        }
        """#

    /// cleo, who signs in with the registered account's email (the catalogue's operations are
    /// public: her token is only what a sign-in would have handed out).
    public static let identity = Identity(
        name: "cleo", role: "user",
        credential: .header(name: "Authorization", value: "Bearer 5b0f3e2a-catalogue-session-cleo"),
        account: account.email)

    /// The API's description, as the OpenAPI-driven checks see it.
    public static func description() async throws -> APIInventory {
        try await OpenAPIImporter.importDocument(Data(document.utf8), source: "openapi.json") { _ in Data() }
    }
}
