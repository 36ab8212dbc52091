extension AccountsAPI {
    /// The API's OpenAPI 3.0 description, as served at `/openapi.json`.
    public static let document = #"""
        {
          "openapi": "3.0.3",
          "info": { "title": "Accounts API", "version": "2.1.0" },
          "servers": [{ "url": "/" }],
          "security": [{ "bearer": [] }],
          "paths": {
            "/health": { "get": { "operationId": "health", "security": [], "responses": { "200": { "description": "up" } } } },
            "/me": {
              "get": { "operationId": "me", "responses": { "200": { "description": "the caller" } } },
              "patch": {
                "operationId": "updateMe",
                "requestBody": {
                  "content": { "application/json": { "schema": { "type": "object", "properties": { "fullName": { "type": "string", "example": "Alice L." } } } } }
                },
                "responses": { "200": { "description": "the updated profile" } }
              }
            },
            "/orders": { "get": { "operationId": "listOrders", "responses": { "200": { "description": "the caller's orders" } } } },
            "/users/{userId}/orders": {
              "get": {
                "operationId": "userOrders",
                "parameters": [{ "name": "userId", "in": "path", "required": true, "schema": { "type": "string" } }],
                "responses": { "200": { "description": "the user's orders" }, "404": { "description": "not yours" } }
              }
            },
            "/orders/{orderId}": {
              "get": {
                "operationId": "getOrder",
                "parameters": [{ "name": "orderId", "in": "path", "required": true, "schema": { "type": "string" } }],
                "responses": { "200": { "description": "one order" }, "404": { "description": "not yours, or no such order" } }
              },
              "put": {
                "operationId": "updateOrder",
                "parameters": [{ "name": "orderId", "in": "path", "required": true, "schema": { "type": "string" } }],
                "requestBody": {
                  "content": { "application/json": { "schema": { "type": "object", "properties": { "note": { "type": "string", "example": "leave at the door" } } } } }
                },
                "responses": { "200": { "description": "the updated order" }, "404": { "description": "not yours, or no such order" } }
              }
            },
            "/admin/users/{userId}": {
              "get": {
                "operationId": "adminGetUser",
                "tags": ["admin"],
                "parameters": [{ "name": "userId", "in": "path", "required": true, "schema": { "type": "string" } }],
                "responses": { "200": { "description": "one user" }, "403": { "description": "admins only" } }
              },
              "put": {
                "operationId": "adminUpdateUser",
                "tags": ["admin"],
                "parameters": [{ "name": "userId", "in": "path", "required": true, "schema": { "type": "string" } }],
                "requestBody": {
                  "content": { "application/json": { "schema": { "type": "object", "properties": { "role": { "type": "string", "enum": ["user", "admin"] } } } } }
                },
                "responses": { "200": { "description": "the updated user" }, "403": { "description": "admins only" } }
              }
            },
            "/reports": { "get": { "operationId": "reports", "responses": { "200": { "description": "monthly figures" } } } },
            "/invoices": { "get": { "operationId": "invoices", "responses": { "200": { "description": "invoices" } } } },
            "/profile": { "get": { "operationId": "profile", "responses": { "200": { "description": "preferences" } } } },
            "/admin/users": { "get": { "operationId": "adminListUsers", "tags": ["admin"], "responses": { "200": { "description": "every user" } } } },
            "/login": {
              "post": {
                "operationId": "login",
                "security": [],
                "requestBody": {
                  "content": {
                    "application/json": {
                      "schema": {
                        "type": "object",
                        "properties": { "username": { "type": "string", "example": "scantrail-probe" }, "password": { "type": "string", "format": "password" } }
                      }
                    }
                  }
                },
                "responses": { "200": { "description": "a token" }, "401": { "description": "wrong credentials" } }
              }
            },
            "/directory": { "get": { "operationId": "directory", "security": [], "responses": { "200": { "description": "who works here" } } } },
            "/v2/items": { "get": { "operationId": "listItems", "responses": { "200": { "description": "items" } } } },
            "/v2/stats": { "get": { "operationId": "stats", "responses": { "200": { "description": "stock figures" } } } }
          },
          "components": { "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "bearerFormat": "JWT" } } }
        }
        """#
}
