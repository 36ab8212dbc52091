import Foundation

/// What an introspection answer tells about a schema, as the GraphQL probes need it: the root
/// types, and each object type's fields with their (unwrapped) types and arguments.
struct GraphQLSchemaFacts: Sendable, Equatable {
    /// One argument.
    struct Argument: Sendable, Equatable {
        /// Its name.
        let name: String
        /// Its type as written in a variable declaration (`String!`, `[ID]`).
        let declaration: String
        /// The named type under the wrappers (`String`).
        let named: String
        /// Whether it must be given.
        let required: Bool
    }

    /// One field.
    struct Field: Sendable, Equatable {
        /// Its name.
        let name: String
        /// The named type under the list and non-null wrappers.
        let type: String
        /// Whether that type is an object (it needs a selection).
        let isObject: Bool
        /// Its arguments.
        let arguments: [Argument]
    }

    /// `Query` (or what the schema calls it).
    let queryType: String
    /// `Mutation`, if the schema has mutations.
    let mutationType: String?
    /// Object types' fields, by type name.
    let fields: [String: [Field]]

    /// The introspection query whose answer this reads: root types, and every type's fields
    /// with their types and arguments, three wrappers deep.
    static let query: String = {
        let reference = "kind name ofType{kind name ofType{kind name ofType{kind name}}}"
        return
            "query{__schema{queryType{name} mutationType{name} types{name kind fields{name args{name type{\(reference)}} type{\(reference)}}}}}"
    }()

    /// The facts of an introspection answer; `nil` when it carries no schema.
    init?(_ json: [String: Any]?) {
        guard let schema = (json?["data"] as? [String: Any])?["__schema"] as? [String: Any],
            let types = schema["types"] as? [[String: Any]],
            let query = (schema["queryType"] as? [String: Any])?["name"] as? String
        else { return nil }
        queryType = query
        mutationType = (schema["mutationType"] as? [String: Any])?["name"] as? String
        var fields: [String: [Field]] = [:]
        for type in types {
            guard let name = type["name"] as? String, let list = type["fields"] as? [[String: Any]] else { continue }
            fields[name] = list.compactMap(Self.field)
        }
        self.fields = fields
    }

    /// The query type's fields.
    var rootFields: [Field] { fields[queryType] ?? [] }

    /// A root field without required arguments whose object type has a field of its own type
    /// (`users` → `friends`), to nest; `nil` when the schema has none.
    var recursion: (root: String, field: String)? {
        for root in rootFields where root.isObject && !root.arguments.contains(where: \.required) {
            if let inner = fields[root.type]?.first(where: {
                $0.type == root.type && !$0.arguments.contains(where: \.required)
            }) {
                return (root.name, inner.name)
            }
        }
        return nil
    }

    private static func field(_ json: [String: Any]) -> Field? {
        guard let name = json["name"] as? String, let type = json["type"] as? [String: Any] else { return nil }
        let (named, kind) = unwrapped(type)
        let arguments = (json["args"] as? [[String: Any]] ?? []).compactMap { argument -> Argument? in
            guard let name = argument["name"] as? String, let type = argument["type"] as? [String: Any] else {
                return nil
            }
            return Argument(
                name: name, declaration: declaration(type), named: unwrapped(type).name,
                required: type["kind"] as? String == "NON_NULL")
        }
        return Field(name: name, type: named, isObject: kind == "OBJECT", arguments: arguments)
    }

    /// The named type and its kind under list and non-null wrappers.
    private static func unwrapped(_ type: [String: Any]) -> (name: String, kind: String) {
        var current = type
        while let inner = current["ofType"] as? [String: Any], current["name"] as? String == nil { current = inner }
        return (current["name"] as? String ?? "", current["kind"] as? String ?? "")
    }

    /// `String!`, `[ID!]`: a type reference as a variable declaration writes it.
    private static func declaration(_ type: [String: Any]) -> String {
        let inner = (type["ofType"] as? [String: Any]).map(declaration) ?? ""
        switch type["kind"] as? String {
        case "NON_NULL": return inner + "!"
        case "LIST": return "[" + inner + "]"
        default: return type["name"] as? String ?? ""
        }
    }
}
