import Foundation
import ScantrailCore

/// Walks one parsed description and builds the inventory, noting what it has to skip.
final class OpenAPIWalker {
    /// Which family of descriptions.
    enum Dialect {
        case openAPI3(String)
        case swagger2
    }

    private let root: JSONValue
    private let dialect: Dialect
    private let resolver: ReferenceResolver
    private let source: String
    private var issues: [ImportIssue] = []

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    init(root: JSONValue, dialect: Dialect, resolver: ReferenceResolver, source: String) {
        self.root = root
        self.dialect = dialect
        self.resolver = resolver
        self.source = source
    }

    func inventory() async -> APIInventory {
        let info = root["info"]
        let specification: String
        switch dialect {
        case .openAPI3(let version): specification = "OpenAPI \(version)"
        case .swagger2: specification = "Swagger 2.0"
        }
        let schemes = await securitySchemes()
        let globalSecurity = requirements(root["security"], at: "#/security") ?? []
        var operations: [APIOperation] = []
        if case .object(let paths)? = root["paths"] {
            for path in paths.keys.sorted() {
                operations += await pathOperations(path, paths[path]!, globalSecurity: globalSecurity)
            }
        } else if root["paths"] != nil {
            note("#/paths", "paths is not an object")
        }
        return APIInventory(
            specification: specification, title: info?["title"]?.text ?? "", version: info?["version"]?.text ?? "",
            servers: servers(), securitySchemes: schemes, operations: operations, issues: issues)
    }

    // MARK: Servers and security

    private func servers() -> [String] {
        switch dialect {
        case .openAPI3:
            guard case .array(let entries)? = root["servers"] else { return [] }
            return entries.compactMap { entry in
                guard var url = entry["url"]?.text else { return nil }
                if case .object(let variables)? = entry["variables"] {
                    for (name, variable) in variables {
                        url = url.replacingOccurrences(of: "{\(name)}", with: variable["default"]?.text ?? "")
                    }
                }
                return url
            }
        case .swagger2:
            let basePath = root["basePath"]?.text ?? ""
            guard let host = root["host"]?.text else { return basePath.isEmpty ? [] : [basePath] }
            let schemes = root["schemes"]?.array?.compactMap(\.text) ?? ["https"]
            return schemes.map { "\($0)://\(host)\(basePath)" }
        }
    }

    private func securitySchemes() async -> [String: APISecurityScheme] {
        let (container, pointer): (JSONValue?, String) =
            switch dialect {
            case .openAPI3: (root["components"]?["securitySchemes"], "#/components/securitySchemes")
            case .swagger2: (root["securityDefinitions"], "#/securityDefinitions")
            }
        guard case .object(let entries)? = container else { return [:] }
        var schemes: [String: APISecurityScheme] = [:]
        for (name, entry) in entries {
            let location = pointer + "/" + ReferenceResolver.escape(name)
            guard let scheme = try? await resolver.resolve(entry, in: source, at: location).value,
                let type = scheme["type"]?.text
            else {
                note(location, "a security scheme needs a type")
                continue
            }
            switch type {
            case "basic":
                schemes[name] = APISecurityScheme(type: "http", scheme: "basic", name: nil, location: nil)
            case "apiKey":
                schemes[name] = APISecurityScheme(
                    type: type, scheme: nil, name: scheme["name"]?.text, location: scheme["in"]?.text)
            default:
                schemes[name] = APISecurityScheme(
                    type: type, scheme: scheme["scheme"]?.text?.lowercased(), name: nil, location: nil)
            }
        }
        return schemes
    }

    /// The scopes a security requirement list names, in order, once each.
    private static func scopes(_ value: JSONValue?) -> [String] {
        var seen: Set<String> = []
        return (value?.array ?? []).flatMap { alternative -> [String] in
            guard case .object(let schemes) = alternative else { return [] }
            return schemes.keys.sorted().flatMap { schemes[$0]?.array?.compactMap(\.text) ?? [] }
        }.filter { seen.insert($0).inserted }
    }

    /// A security requirement list: alternatives of scheme names. `nil` when absent.
    private func requirements(_ value: JSONValue?, at pointer: String) -> [[String]]? {
        guard let value else { return nil }
        guard case .array(let alternatives) = value else {
            note(pointer, "security is not a list; ignored")
            return nil
        }
        return alternatives.compactMap { alternative in
            guard case .object(let schemes) = alternative else { return nil }
            return schemes.keys.sorted()
        }
    }

    // MARK: Paths and operations

    private func pathOperations(_ path: String, _ item: JSONValue, globalSecurity: [[String]]) async
        -> [APIOperation]
    {
        let pointer = "#/paths/" + ReferenceResolver.escape(path)
        guard path.hasPrefix("/") else {
            note(pointer, "a path must start with /")
            return []
        }
        let located: ReferenceResolver.Located
        do {
            located = try await resolver.resolve(item, in: source, at: pointer)
        } catch {
            note(pointer, error.message)
            return []
        }
        guard case .object(let fields) = located.value else {
            note(pointer, "a path item must be an object")
            return []
        }
        let shared = await parameters(fields["parameters"], in: located)
        var operations: [APIOperation] = []
        for method in Self.methods {
            guard let operation = fields[method] else { continue }
            let at = ReferenceResolver.Located(
                value: operation, document: located.document, pointer: located.child(method))
            guard case .object(let body) = operation else {
                note(at.pointer, "an operation must be an object")
                continue
            }
            let own = await parameters(body["parameters"], in: at)
            // An operation's parameter replaces the path item's of the same name and place.
            var merged = shared.parameters.filter { parameter in
                !own.parameters.contains { $0.name == parameter.name && $0.location == parameter.location }
            }
            merged += own.parameters
            merged += Self.undeclaredPathParameters(in: path, declared: merged)
            let documented = await self.requestBody(body["requestBody"], in: at)
            let requestBody = documented ?? own.body ?? shared.body
            operations.append(
                APIOperation(
                    method: method.uppercased(), path: path, operationID: body["operationId"]?.text,
                    summary: body["summary"]?.text, tags: body["tags"]?.array?.compactMap(\.text) ?? [],
                    parameters: merged, requestBody: requestBody,
                    security: requirements(body["security"], at: at.child("security")) ?? globalSecurity,
                    scopes: Self.scopes(body["security"] ?? root["security"])))
        }
        return operations
    }

    /// Template variables with no parameter declared for them: still sent, as strings.
    private static func undeclaredPathParameters(in path: String, declared: [APIParameter]) -> [APIParameter] {
        var names: [String] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names.filter { name in !declared.contains { $0.name == name && $0.location == .path } }.map {
            APIParameter(
                name: $0, location: .path, required: true, type: "string", format: nil, enumValues: [], example: nil)
        }
    }

    private func parameters(_ list: JSONValue?, in parent: ReferenceResolver.Located) async
        -> (parameters: [APIParameter], body: APIRequestBody?)
    {
        guard let list else { return ([], nil) }
        let pointer = parent.child("parameters")
        guard case .array(let entries) = list else {
            note(pointer, "parameters must be a list")
            return ([], nil)
        }
        var parameters: [APIParameter] = []
        var body: APIRequestBody?
        for (index, entry) in entries.enumerated() {
            let at = pointer + "/\(index)"
            do {
                let located = try await resolver.resolve(entry, in: parent.document, at: at)
                let parameter = located.value
                guard let name = parameter["name"]?.text, let place = parameter["in"]?.text else {
                    note(at, "a parameter needs a name and an `in`")
                    continue
                }
                if place == "body" || place == "formData" {
                    let example = await schemaExample(parameter["schema"] ?? parameter, in: located)
                    body = APIRequestBody(
                        mediaType: place == "body" ? "application/json" : "application/x-www-form-urlencoded",
                        example: example)
                    continue
                }
                guard let location = APIParameter.Location(rawValue: place) else {
                    note(at, "`in: \(place)` is not a parameter location")
                    continue
                }
                parameters.append(await parameterValue(name, location, parameter, in: located))
            } catch {
                note(at, error.message)
            }
        }
        return (parameters, body)
    }

    private func parameterValue(
        _ name: String, _ location: APIParameter.Location, _ parameter: JSONValue, in located: ReferenceResolver.Located
    ) async -> APIParameter {
        // OpenAPI 3 keeps the type in `schema`; Swagger 2 on the parameter itself.
        var schema = parameter
        if let nested = parameter["schema"],
            let resolved = try? await resolver.resolve(nested, in: located.document, at: located.child("schema"))
        {
            schema = resolved.value
        }
        let firstExample: JSONValue? =
            if case .object(let examples)? = parameter["examples"], let first = examples.keys.sorted().first {
                examples[first]?["value"]
            } else {
                nil
            }
        let example =
            parameter["example"] ?? parameter["x-example"] ?? firstExample ?? schema["example"] ?? schema["default"]
        return APIParameter(
            name: name, location: location, required: location == .path || parameter["required"] == .bool(true),
            type: schema.typeName, format: schema["format"]?.text, enumValues: schema["enum"]?.array ?? [],
            example: example)
    }

    private func requestBody(_ value: JSONValue?, in parent: ReferenceResolver.Located) async -> APIRequestBody? {
        guard let value else { return nil }
        let pointer = parent.child("requestBody")
        guard let located = try? await resolver.resolve(value, in: parent.document, at: pointer),
            case .object(let content)? = located.value["content"], !content.isEmpty
        else {
            note(pointer, "a request body needs content")
            return nil
        }
        let mediaType = content.keys.first { $0.contains("json") } ?? content.keys.sorted()[0]
        let media = content[mediaType]!
        if let example = media["example"] { return APIRequestBody(mediaType: mediaType, example: example) }
        return APIRequestBody(mediaType: mediaType, example: await schemaExample(media["schema"], in: located))
    }

    /// An example for `schema`: its own example, default or first enum value, else one built
    /// from its type, at most four levels deep (deep enough for a request, and a `$ref` cycle ends).
    private func schemaExample(_ schema: JSONValue?, in located: ReferenceResolver.Located, depth: Int = 0) async
        -> JSONValue?
    {
        guard let schema, depth < 5,
            let resolved = try? await resolver.resolve(schema, in: located.document, at: located.pointer)
        else { return nil }
        let value = resolved.value
        if let example = value["example"] ?? value["default"] ?? value["const"] ?? value["enum"]?.array?.first {
            return example
        }
        for combinator in ["allOf", "oneOf", "anyOf"] {
            guard let first = value[combinator]?.array?.first else { continue }
            if combinator == "allOf", let parts = value["allOf"]?.array {
                var merged: [String: JSONValue] = [:]
                for part in parts {
                    if case .object(let fields)? = await schemaExample(part, in: resolved, depth: depth + 1) {
                        merged.merge(fields) { first, _ in first }
                    }
                }
                return .object(merged)
            }
            return await schemaExample(first, in: resolved, depth: depth + 1)
        }
        let type = value.typeName ?? (value["properties"] != nil ? "object" : nil)
        switch type {
        case "object":
            var fields: [String: JSONValue] = [:]
            if case .object(let properties)? = value["properties"] {
                for name in properties.keys.sorted().prefix(20) {
                    fields[name] = await schemaExample(properties[name], in: resolved, depth: depth + 1)
                }
            }
            return .object(fields)
        case "array":
            return .array([await schemaExample(value["items"], in: resolved, depth: depth + 1)].compactMap { $0 })
        case "integer": return .number(1)
        case "number": return .number(1.5)
        case "boolean": return .bool(true)
        case "string": return .string(ExampleValues.string(format: value["format"]?.text))
        default: return nil
        }
    }

    private func note(_ pointer: String, _ message: String) {
        issues.append(ImportIssue(location: pointer, message: message))
    }
}

extension JSONValue {
    /// A schema's `type`: the string, or the first non-null entry of an OpenAPI 3.1 type list.
    var typeName: String? {
        self["type"]?.text ?? self["type"]?.array?.compactMap(\.text).first { $0 != "null" }
    }
}
