import Crypto
import Foundation

/// Every rule the scanner can report, gathered from the checks that declare them.
///
/// There is one catalogue, built from the code: `scantrail rules` lists it and
/// `docs/rules.md` is generated from it. Its ``version`` is a digest of its content, so any
/// change to a rule's text, severity or mapping gives a new version in reports.
public struct RuleCatalogue: Sendable {
    /// The rules, sorted by identifier.
    public let rules: [Rule]
    private let byID: [String: Rule]

    /// Builds the catalogue from the checks' declared rules.
    ///
    /// - Precondition: no rule identifier is declared twice.
    public init(checks: [CheckMetadata]) {
        self.init(rules: checks.flatMap(\.rules))
    }

    /// Builds the catalogue from a list of rules.
    ///
    /// - Precondition: no rule identifier appears twice.
    public init(rules: [Rule]) {
        var byID: [String: Rule] = [:]
        for rule in rules {
            precondition(byID.updateValue(rule, forKey: rule.id) == nil, "rule \(rule.id) declared twice")
        }
        self.byID = byID
        self.rules = rules.sorted { $0.id < $1.id }
    }

    /// The rule with this identifier, if any.
    public subscript(id: String) -> Rule? {
        byID[id]
    }

    /// A short content digest (12 hex digits of SHA-256 over the rules as sorted JSON).
    public var version: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(rules)) ?? Data()
        return SHA256.hash(data: data).prefix(6).hexString
    }
}
