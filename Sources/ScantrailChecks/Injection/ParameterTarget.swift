import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// One documented parameter of one operation, ready to be sent with values of a probe's
/// choosing, as the identity the operation needs (the first, when it is secured): what the
/// checks that vary one parameter at a time share.
struct ParameterTarget: Sendable {
    /// The operation.
    let operation: APIOperation
    /// The parameter varied.
    let parameter: InjectedParameter
    /// The values of the operation's other parameters.
    let values: [String: String]

    /// Why an operation that takes credentials is left out where `sparingCredentials`.
    static let credentialNote =
        "not tested: it takes credentials, and the requests would trip its rate limit for the scan's other checks"

    /// The parameters of `api`'s operations that `chosen` picks, at most `limit` per operation,
    /// and the operations not probed with why (passive mode for those that may change state;
    /// `none` when no parameter was picked; ``credentialNote`` for sign-in, sign-up, password and
    /// token operations when `sparingCredentials`).
    static func all(
        of api: APIUnderTest, on target: ScanTarget, context: ScanContext, limit: Int = InjectedParameter.limit,
        sparingCredentials: Bool = false, none: String, chosen: (InjectedParameter) -> Bool
    ) async throws -> (targets: [ParameterTarget], untested: [String: String]) {
        var untested: [String: String] = [:]
        var targets: [ParameterTarget] = []
        let book = try await api.values(on: target, context: context)
        for operation in api.inventory.operations {
            let values = book.values(for: operation, as: operation.isSecured ? api.identities.first : nil)
            let picked = InjectedParameter.all(of: operation, values: values).filter(chosen).prefix(limit)
            if operation.isUnsafe && !context.configuration.active {
                untested[operation.label] = operation.passiveModeNote
            } else if sparingCredentials, operation.takesCredentials {
                untested[operation.label] = credentialNote
            } else if picked.isEmpty {
                untested[operation.label] = none
            } else {
                targets += picked.map { ParameterTarget(operation: operation, parameter: $0, values: values) }
            }
        }
        return (targets, untested)
    }

    /// The outcomes of `rules` at the operations not probed: not applicable where there was
    /// nothing to vary (`none`), inconclusive with the reason otherwise (passive mode, no listener…).
    static func outcomes(untested: [String: String], origin: String, none: String, rules: [Rule]) -> [Outcome] {
        untested.keys.sorted().flatMap { operation in
            let reason = untested[operation]!
            let location = Location(origin: origin, operation: operation)
            return rules.map { rule in
                reason == none
                    ? Outcome.notApplicable(rule, at: location, reason)
                    : Outcome.inconclusive(rule, at: location, reason)
            }
        }
    }

    /// Sends the operation with `value` in the parameter's place, recorded as sent as `name`;
    /// `fresh` when an identical earlier answer must not stand in (a timed request).
    func send(
        _ value: JSONValue, as name: String, _ api: APIUnderTest, on target: ScanTarget, context: ScanContext,
        fresh: Bool = false
    ) async throws -> (record: ExchangeRecord, exchange: HTTPExchange) {
        let credential = operation.isSecured ? try await api.identities.first?.currentCredential() : nil
        var request = parameter.request(
            operation, api, on: target, values: values, value: value, credential: credential)
        if fresh { request.acceptsEarlierAnswer = false }
        let exchange = try await context.http.send(request)
        return (ExchangeRecord(exchange, sentAs: name, secrets: api.secrets), exchange)
    }

    /// `GET /products`, the outcome's operation.
    var label: String { operation.label }
}
