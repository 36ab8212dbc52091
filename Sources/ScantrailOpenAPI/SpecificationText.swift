import Foundation
import ScantrailCore
import Yams

/// Turns the bytes of an API description, JSON or YAML, into a JSON tree, within
/// ``DocumentLimits``. Errors name a line and column, never the document's text.
enum SpecificationText {
    /// Parses `data`; `source` names it in errors.
    ///
    /// - Throws: ``OpenAPIImportError/unreadable(_:_:)`` naming the line and column YAML
    ///   reports, what JSON rejects, or the bound the document exceeds.
    static func parse(_ data: Data, source: String, limits: DocumentLimits = .standard) throws -> JSONValue {
        do {
            try limits.check(size: data.count)
        } catch {
            throw OpenAPIImportError.unreadable(source, "the document \(error)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw OpenAPIImportError.unreadable(source, "not UTF-8 text")
        }
        let first = text.first { !$0.isWhitespace }
        if first == "{" || first == "[" {
            do {
                try limits.check(json: data)
                return try JSONDecoder().decode(JSONValue.self, from: data)
            } catch let violation as DocumentLimits.Violation {
                throw OpenAPIImportError.unreadable(source, "the document \(violation)")
            } catch {
                throw OpenAPIImportError.unreadable(source, "invalid JSON: \(position(of: data) ?? "\(error)")")
            }
        }
        let loaded: Any?
        do {
            try limits.check(yaml: text)
            loaded = try Yams.load(yaml: text)
        } catch let violation as DocumentLimits.Violation {
            throw OpenAPIImportError.unreadable(source, "the document \(violation)")
        } catch {
            throw OpenAPIImportError.unreadable(source, "invalid YAML\(YAMLProblem(error))")
        }
        guard let loaded else { throw OpenAPIImportError.unreadable(source, "the document is empty") }
        return value(loaded)
    }

    /// A YAML value as JSON: keys become strings (YAML allows `200:`), dates their text.
    private static func value(_ any: Any) -> JSONValue {
        switch any {
        case let dictionary as [AnyHashable: Any]:
            return .object(
                Dictionary(
                    dictionary.map { ("\($0.key.base)", value($0.value)) }, uniquingKeysWith: { first, _ in first }))
        case let array as [Any]: return .array(array.map(value))
        case let string as String: return .string(string)
        case let bool as Bool: return .bool(bool)
        case let int as Int: return .number(Double(int))
        case let double as Double: return .number(double)
        case let date as Date: return .string(date.formatted(.iso8601.year().month().day()))
        case is NSNull: return .null
        default: return .string("\(any)")
        }
    }

    /// Where JSON parsing stops, as "line L, column C: reason" (JSONSerialization names the
    /// character offset; JSONDecoder names nothing).
    private static func position(of data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            guard let range = reason.range(of: "character "),
                let offset = Int(reason[range.upperBound...].prefix { $0.isNumber })
            else { return reason }
            let before = data.prefix(offset)
            let line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
            return "line \(line), column \(column): \(reason)"
        }
    }
}
