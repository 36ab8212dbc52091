import Foundation
import ScantrailCore

/// A sign-up body made for a fresh account: a unique name, a strong password, and the
/// example's other fields. Mass assignment adds privileged fields to it; account enumeration
/// compares its answer with that for a taken account (``with(account:)``).
struct SignUpBody: Sendable {
    /// The body sent, privileged fields included.
    let body: [String: JSONValue]
    /// The account field and the name given.
    let account: (field: String, value: String)
    /// The password field and the password given.
    let password: (field: String, value: String)

    /// `body` with a fresh account; `nil` without an account and a password field.
    init?(_ body: [String: JSONValue]) {
        let names = body.keys.sorted()
        guard
            let accountField = names.first(where: { n in
                ["email", "user", "login"].contains { n.lowercased().contains($0) }
            }),
            let passwordField = names.first(where: { $0.lowercased().contains("pass") })
        else { return nil }
        let unique = String(UUID().uuidString.prefix(8)).lowercased()
        let name =
            accountField.lowercased().contains("email") ? "scantrail-\(unique)@example.test" : "scantrail-\(unique)"
        let password = "St-\(UUID().uuidString)-9a"
        var body = body
        body[accountField] = .string(name)
        body[passwordField] = .string(password)
        self.body = body
        self.account = (accountField, name)
        self.password = (passwordField, password)
    }

    /// The same body for the account `name` (one that exists, say), password unchanged.
    func with(account name: String) -> [String: JSONValue] {
        body.merging([account.field: .string(name)]) { _, new in new }
    }
}
