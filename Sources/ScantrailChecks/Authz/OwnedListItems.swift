import Foundation
import ScantrailCore

/// The items of a list everyone sees that say whose they are: an owner field (`owner`, `user`,
/// `username`, `user_id`, `email`, `author`…) equal to one of an identity's names. Such an item
/// is the owner's object although the peer sees its id: the peer asking its detail tests BOLA,
/// and fails it only when the detail shows what the list does not.
enum OwnedListItems {
    /// Fields that name an item's owner.
    static let ownerFields = [
        "owner", "user", "username", "user_id", "userId", "email", "author", "createdBy", "created_by",
    ]

    /// The items of `list` (a JSON array, or one under a top-level field such as `items` or
    /// `data`) owned by one of `names`, each with its value for `parameter` (the parameter's
    /// own field, else `id`) and the fields the list shows of it.
    static func items(in list: JSONValue, ownedBy names: Set<String>, parameter: String) -> [(
        id: String, fields: [String]
    )] {
        let entries: [JSONValue]
        switch list {
        case .array(let items): entries = items
        case .object(let fields): entries = fields.keys.sorted().compactMap { fields[$0]?.array }.first ?? []
        default: entries = []
        }
        return entries.compactMap { entry in
            guard case .object(let fields) = entry,
                ownerFields.contains(where: { fields[$0]?.text.map(names.contains) == true }),
                let id = (fields[parameter] ?? fields["id"])?.text
            else { return nil }
            return (id, fields.keys.sorted())
        }
    }

    /// The fields of `detail` (at its top level, or under `data`) that are not among `listed`.
    static func unlisted(in detail: String, listed: [String]) -> [String] {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(detail.utf8)) else { return [] }
        for level in [json["data"], json] {
            if case .object(let fields)? = level { return fields.keys.filter { !listed.contains($0) }.sorted() }
        }
        return []
    }
}
