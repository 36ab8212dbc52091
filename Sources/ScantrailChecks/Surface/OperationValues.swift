import ScantrailCore
import ScantrailOpenAPI

/// The values an identity fills an operation's undocumented path parameters with, decided in
/// one place for every check: its own identifiers for a parameter that names a user (from its
/// token's claims and its profile answers), else a value harvested from its own earlier answers
/// (a list answer feeds its detail operation: `/invoices` → `/invoices/{number}`), else one
/// harvested from anyone's. A parameter none of these knows keeps the document's example, enum
/// or a value of its type (``APIOperation/concretePath(values:)``).
struct OperationValues: Sendable {
    /// What names the identity.
    let own: OwnIdentifiers
    /// Values from the identity's own answers.
    let harvested: HarvestedValues
    /// Values from every identity's answers.
    let shared: HarvestedValues

    /// Values for `operation`'s path parameters that the document gives no example or enum for.
    func values(for operation: APIOperation) -> [String: String] {
        Self.undocumented(in: operation).reduce(into: [String: String]()) { values, parameter in
            values[parameter.name] =
                own.candidates(for: parameter.name, in: operation.path).first
                ?? harvested.values(for: parameter.name, limit: 1).first
                ?? shared.values(for: parameter.name, limit: 1).first
        }
    }

    /// Whether `operation` needs harvested values: a path parameter without a documented one.
    static func needsHarvest(_ operation: APIOperation) -> Bool { !undocumented(in: operation).isEmpty }

    /// `operation`'s path parameters that the document gives no example or enum for.
    static func undocumented(in operation: APIOperation) -> [APIParameter] {
        operation.pathParameters.filter { $0.example == nil && $0.enumValues.isEmpty }
    }
}
