import ScantrailCore

/// Every operation an API documents, as imported from its OpenAPI (3.0, 3.1) or Swagger 2.0
/// document: what the authentication and authorization checks walk through.
public struct APIInventory: Codable, Sendable {
    /// `OpenAPI 3.1.0`, `OpenAPI 3.0.3`, `Swagger 2.0`.
    public let specification: String
    /// `info.title`.
    public let title: String
    /// `info.version`.
    public let version: String
    /// Base URLs the document names (servers, or Swagger's schemes/host/basePath), variables
    /// filled with their defaults; relative ones as written.
    public let servers: [String]
    /// Security schemes by name.
    public let securitySchemes: [String: APISecurityScheme]
    /// The operations, in document order.
    public let operations: [APIOperation]
    /// What could not be imported, each with where it is; the rest was imported.
    public let issues: [ImportIssue]
}

/// One documented operation.
public struct APIOperation: Codable, Sendable, Hashable {
    /// `GET`, `POST`…
    public let method: String
    /// The path template (`/users/{id}`), relative to a server.
    public let path: String
    /// `operationId`, if given.
    public let operationID: String?
    /// `summary`, if given.
    public let summary: String?
    /// `tags`.
    public let tags: [String]
    /// Path-level and operation-level parameters merged (the operation's win).
    public let parameters: [APIParameter]
    /// The request body's media type and example, when one is documented.
    public let requestBody: APIRequestBody?
    /// The security requirement in force: alternatives, each the scheme names that must all be
    /// satisfied. Empty means public; an empty alternative means credentials are optional.
    public let security: [[String]]
    /// The OAuth2 or OpenID scopes its security requirements ask for (`admin:write`); `nil` in
    /// inventories stored before they were kept.
    public var scopes: [String]? = nil

    /// Whether the operation documents that it requires credentials.
    public var isSecured: Bool { !security.isEmpty && !security.contains { $0.isEmpty } }

    /// `GET /users/{id}`.
    public var label: String { "\(method) \(path)" }

    /// Words that mark an operation for administrators, staff or internal use.
    static let administrativeWords = ["admin", "internal", "staff", "superuser", "backoffice", "moderat", "sudo"]

    /// Whether the path, operationId, a tag, the summary or a required scope says the
    /// operation is for administrators (or staff, or internal use).
    public var looksAdministrative: Bool {
        ([path, operationID ?? "", summary ?? ""] + tags + (scopes ?? [])).contains { text in
            let folded = text.lowercased().replacingOccurrences(of: "-", with: "")
            return Self.administrativeWords.contains { folded.contains($0) }
        }
    }

    /// Whether the method may change server state.
    public var isUnsafe: Bool { !["GET", "HEAD", "OPTIONS", "TRACE"].contains(method) }
}

/// One parameter.
public struct APIParameter: Codable, Sendable, Hashable {
    /// Where the parameter goes.
    public enum Location: String, Codable, Sendable {
        case path, query, header, cookie
    }

    /// Its name.
    public let name: String
    /// Where it goes.
    public let location: Location
    /// Whether it must be sent (path parameters always).
    public let required: Bool
    /// The schema type (`string`, `integer`…), if known.
    public let type: String?
    /// The schema format (`uuid`, `int64`, `date`…), if any.
    public let format: String?
    /// Allowed values, if enumerated.
    public let enumValues: [JSONValue]
    /// An example or default value, if the document gives one.
    public let example: JSONValue?
}

/// A documented request body.
public struct APIRequestBody: Codable, Sendable, Hashable {
    /// The media type (`application/json` preferred).
    public let mediaType: String
    /// Its example, or one built from the schema (bounded depth), if any.
    public let example: JSONValue?
}

/// A security scheme.
public struct APISecurityScheme: Codable, Sendable, Hashable {
    /// `http` (with `scheme` bearer, basic…), `apiKey`, `oauth2`, `openIdConnect`, `mutualTLS`.
    public let type: String
    /// For `http`: `bearer`, `basic`….
    public let scheme: String?
    /// For `apiKey`: the header, query parameter or cookie name.
    public let name: String?
    /// For `apiKey`: `header`, `query` or `cookie`.
    public let location: String?
}

/// Something the importer skipped, and where.
public struct ImportIssue: Codable, Sendable, Hashable, CustomStringConvertible {
    /// A JSON pointer into the document (`#/paths/~1users/get/parameters/0`), with the file
    /// when it is another one.
    public let location: String
    /// What is wrong.
    public let message: String

    public var description: String { "\(location): \(message)" }
}
