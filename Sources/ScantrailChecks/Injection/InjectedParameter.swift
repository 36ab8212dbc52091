import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// One documented parameter an injection probe varies: a path or query parameter, or a
/// top-level field of the JSON body, with the value it is normally sent with.
struct InjectedParameter: Sendable {
    /// Where it goes.
    enum Place: String, Sendable {
        case path, query, body
    }

    /// Its name.
    let name: String
    /// Where it goes.
    let place: Place
    /// The value it is normally sent with.
    let value: JSONValue
    /// Whether the document types it as a number.
    let numeric: Bool
    /// The documented format (`uri`, `email`…), if any (a body field's is not kept).
    var format: String? = nil

    /// `query category`, `body limit`: the discriminator of its outcomes.
    var label: String { "\(place.rawValue) \(name)" }

    /// The most parameters of one operation that are probed.
    static let limit = 6

    /// The path, query and JSON-body parameters of `operation`, at most ``limit``; a path
    /// parameter is normally sent with its value in `values` (``RequestValues``), if any.
    static func all(of operation: APIOperation, values: [String: String] = [:]) -> [InjectedParameter] {
        let listed = operation.parameters.compactMap { parameter -> InjectedParameter? in
            let place: Place
            switch parameter.location {
            case .path: place = .path
            case .query: place = .query
            default: return nil
            }
            return InjectedParameter(
                name: parameter.name, place: place, value: .string(values[parameter.name] ?? parameter.sampleValue),
                numeric: parameter.type == "integer" || parameter.type == "number", format: parameter.format)
        }
        var fields: [InjectedParameter] = []
        if let body = operation.requestBody, body.mediaType.contains("json"), case .object(let example)? = body.example
        {
            fields = example.keys.sorted().compactMap { name in
                switch example[name] {
                case .string?: InjectedParameter(name: name, place: .body, value: example[name]!, numeric: false)
                case .number?: InjectedParameter(name: name, place: .body, value: example[name]!, numeric: true)
                default: nil
                }
            }
        }
        return Array((listed + fields).prefix(limit))
    }

    /// The value as text (`10`, `lamps`).
    var text: String { value.text ?? "" }

    /// Words in a name that say the value is a URL the server may fetch.
    static let urlWords = [
        "url", "uri", "link", "href", "callback", "webhook", "redirect", "feed", "avatar", "image", "src", "endpoint",
    ]

    /// Whether the parameter takes a URL: documented as `uri`/`url`, named like one
    /// (`image_url`, `callback`, `webhook`…), or usually sent with an http(s) URL.
    var takesURL: Bool {
        if numeric { return false }
        if ["uri", "url", "iri", "uri-reference"].contains(format?.lowercased() ?? "") { return true }
        let folded = name.lowercased()
        return Self.urlWords.contains { folded.contains($0) } || text.hasPrefix("http://") || text.hasPrefix("https://")
    }

    /// Words in a name that say a server validates the value by a pattern.
    static let patternWords = ["email", "mail", "name", "user", "login", "handle", "phone"]

    /// Whether a server likely validates the value with a regular expression: documented as an
    /// `email`, named like an email, a name or a handle, or usually sent with an `@` in it.
    var looksPatternValidated: Bool {
        if numeric || takesURL { return false }
        if format?.lowercased() == "email" { return true }
        let folded = name.lowercased()
        return Self.patternWords.contains { folded.contains($0) } || text.contains("@")
    }

    /// The provocations sent in its place, by name: a quote, a syntax-breaking tail and, where
    /// the type can be confused, a value of another type.
    var provocations: [(name: String, value: JSONValue)] {
        var values: [(String, JSONValue)] = [
            ("quote", .string(text + "'")), ("syntax-breaking", .string(text + "\")\\(;")),
        ]
        if numeric {
            values.append(("type confusion", .string("scantrail")))
        } else if place == .body {
            values.append(("type confusion", .array([value])))
        }
        return values
    }

    /// Two conditions appended to the value that leave a query's meaning as it was (true) or
    /// make it match nothing (false). Only `AND`: a condition that could widen a statement is
    /// never sent.
    var conditions: (true: JSONValue, false: JSONValue) {
        numeric
            ? (.string(text + " AND 1=1"), .string(text + " AND 1=2"))
            : (.string(text + "' AND '1'='1"), .string(text + "' AND '1'='2"))
    }

    /// The request for `operation`, its path filled with `values`, with `value` in this
    /// parameter's place.
    func request(
        _ operation: APIOperation, _ api: APIUnderTest, on target: ScanTarget, values: [String: String],
        value: JSONValue, credential: Identity.Credential?
    ) -> ProbeRequest {
        guard place == .body else {
            return api.request(
                operation, on: target, values: values.merging([name: value.text ?? ""]) { $1 }, credential: credential)
        }
        var request = api.request(operation, on: target, values: values, credential: credential)
        if case .object(var fields)? = operation.requestBody?.example {
            fields[name] = value
            request.body = try? JSONEncoder().encode(JSONValue.object(fields))
        }
        return request
    }
}
