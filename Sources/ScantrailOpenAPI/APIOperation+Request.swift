import Foundation
import ScantrailCore

extension APIOperation {
    /// The path template filled in, with the required query parameters and the optional ones
    /// `values` names: each value from `values` (by parameter name) first, else the document's
    /// example or default, else the first enumerated value, else a harmless value of the
    /// documented type and format.
    public func concretePath(values: [String: String] = [:]) -> String {
        var path = self.path
        var query: [String] = []
        for parameter in parameters {
            let value = values[parameter.name] ?? parameter.sampleValue
            switch parameter.location {
            case .path:
                let encoded = value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"]))
                path = path.replacingOccurrences(of: "{\(parameter.name)}", with: encoded ?? value)
            case .query where parameter.required || values[parameter.name] != nil:
                let encoded = value.addingPercentEncoding(
                    withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "="]))
                query.append("\(parameter.name)=\(encoded ?? value)")
            default:
                continue
            }
        }
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }

    /// Required header parameters with sample values.
    public var sampleHeaders: [HeaderField] {
        parameters.filter { $0.location == .header && $0.required }.map {
            HeaderField(name: $0.name, value: $0.sampleValue)
        }
    }

    /// The documented request body's example as bytes, and its media type.
    public var sampleBody: (data: Data, mediaType: String)? {
        guard let body = requestBody, let example = body.example else { return nil }
        if body.mediaType.contains("json") {
            guard let data = try? JSONEncoder().encode(example) else { return nil }
            return (data, body.mediaType)
        }
        if case .object(let fields) = example {
            let form = fields.keys.sorted().map { "\($0)=\(fields[$0]?.text ?? "")" }.joined(separator: "&")
            return (Data(form.utf8), body.mediaType)
        }
        return (Data((example.text ?? "").utf8), body.mediaType)
    }

    /// The path parameters (what names an object).
    public var pathParameters: [APIParameter] { parameters.filter { $0.location == .path } }
}

extension APIParameter {
    /// The value sent when no harvested one is at hand.
    public var sampleValue: String {
        if let example = example?.text { return example }
        if let first = enumValues.first?.text { return first }
        switch type {
        case "integer": return "1"
        case "number": return "1.5"
        case "boolean": return "true"
        default: return ExampleValues.string(format: format)
        }
    }
}
