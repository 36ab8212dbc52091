import Foundation
import ScantrailCore

/// Values found in earlier JSON answers, looked up by the names a path parameter may go by:
/// its own (`orderId`), then `id` for `…Id` parameters.
struct HarvestedValues: Sendable {
    private let bodies: [JSONValue]

    /// Values from `bodies`.
    init(_ bodies: [JSONValue]) {
        self.bodies = bodies
    }

    /// Values from the JSON of `records`' body excerpts (what is not JSON is skipped).
    init(records: [ExchangeRecord]) {
        self.init(records.compactMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.bodyExcerpt.utf8)) })
    }

    /// At most `limit` values for `parameter`, sorted, leaving out any `excluded` also has: the
    /// parameter's own name first, `id` only when that finds none.
    func values(for parameter: String, excluding excluded: HarvestedValues? = nil, limit: Int) -> [String] {
        for key in Self.fieldNames(for: parameter) {
            let shared = Set(excluded?.all(key) ?? [])
            let found = Set(all(key)).subtracting(shared)
            if !found.isEmpty { return Array(found.sorted().prefix(limit)) }
        }
        return []
    }

    private func all(_ key: String) -> [String] { bodies.flatMap { Self.values(of: key, in: $0) } }

    private static func fieldNames(for parameter: String) -> [String] {
        parameter.lowercased().hasSuffix("id") && parameter.lowercased() != "id" ? [parameter, "id"] : [parameter]
    }

    /// Every string or number under `key`, anywhere in `json`.
    private static func values(of key: String, in json: JSONValue) -> [String] {
        switch json {
        case .object(let fields):
            return fields.flatMap { name, value -> [String] in
                (name == key ? [value.text].compactMap { $0 } : []) + values(of: key, in: value)
            }
        case .array(let items): return items.flatMap { values(of: key, in: $0) }
        default: return []
        }
    }
}
