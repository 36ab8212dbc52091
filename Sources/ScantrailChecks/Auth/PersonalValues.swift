import Foundation
import ScantrailCore

/// Values of personal fields (email, phone, address…) found in the JSON that secured
/// operations returned: if an anonymous answer carries one of them, data meant for
/// identities leaks through a public operation. Names are left out: public directories and
/// author fields show them by design.
struct PersonalValues {
    /// Field names that hold data about a person.
    static let fieldNames: Set<String> = [
        "email", "mail", "phone", "phonenumber", "mobile", "ssn", "address", "street", "iban", "birthdate",
        "dateofbirth", "dob", "passport", "taxid",
    ]

    /// Value → the field it was found under.
    private var values: [String: String] = [:]

    /// Harvests from the bodies of `records`.
    init(from records: [ExchangeRecord]) {
        for record in records {
            guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(record.bodyExcerpt.utf8)) else {
                continue
            }
            collect(json, field: nil)
        }
    }

    private mutating func collect(_ value: JSONValue, field: String?) {
        switch value {
        case .object(let fields):
            for (name, child) in fields { collect(child, field: name) }
        case .array(let items):
            for item in items { collect(item, field: field) }
        case .string(let text) where text.count >= 5:
            let normalized = field?.lowercased().filter { $0.isLetter } ?? ""
            if Self.fieldNames.contains(normalized) { values[text] = field }
        default:
            break
        }
    }

    /// How many values were harvested.
    var count: Int { values.count }

    /// The fields whose values appear in `text`.
    func found(in text: String) -> Set<String> {
        Set(values.filter { text.contains($0.key) }.values)
    }
}
