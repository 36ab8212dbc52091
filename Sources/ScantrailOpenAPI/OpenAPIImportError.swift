/// Why an API description could not be imported at all. (Parts that cannot be imported are
/// skipped and listed in ``APIInventory/issues`` instead.)
public enum OpenAPIImportError: Error, CustomStringConvertible, Equatable {
    /// The document (or a file it references) cannot be read or parsed.
    case unreadable(_ source: String, _ reason: String)
    /// It parses, but is not an OpenAPI 3.x or Swagger 2.0 description.
    case notOpenAPI(_ source: String, _ reason: String)

    public var description: String {
        switch self {
        case .unreadable(let source, let reason): "\(source): \(reason)"
        case .notOpenAPI(let source, let reason): "\(source) is not an OpenAPI or Swagger document: \(reason)"
        }
    }
}
