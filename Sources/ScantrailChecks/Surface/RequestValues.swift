import Foundation
import ScantrailCore
import ScantrailOpenAPI

/// The values every check fills an operation's requests with, per identity, learnt once per
/// scan from the first round of the walk over the API (``APIUnderTest/values(on:context:)``):
/// every operation whose path parameters all have a documented value, asked as each identity it
/// applies to. One check never finds a real order number where another sends the document's
/// example and gets 404.
struct RequestValues: Sendable {
    /// The first round's answers.
    let answers: [SurfaceAnswer]
    private let builders: [String: OperationValues]
    private let anonymous: OperationValues

    /// Values learnt from `answers`, for `identities`.
    init(answers: [SurfaceAnswer], identities: [Identity]) {
        self.answers = answers
        let bodies = Dictionary(grouping: answers.filter(\.succeeded), by: \.sentAs).mapValues { $0.compactMap(\.json) }
        let shared = HarvestedValues(bodies.values.flatMap { $0 })
        var builders: [String: OperationValues] = [:]
        for identity in identities {
            let profiles = answers.filter {
                $0.succeeded && $0.sentAs == identity.name && OwnIdentifiers.isProfile($0.location.path)
            }
            builders[identity.name] = OperationValues(
                own: OwnIdentifiers(token: identity.credential.token, profiles: profiles.compactMap(\.json)),
                harvested: HarvestedValues(bodies[identity.name] ?? []), shared: shared)
        }
        self.builders = builders
        anonymous = OperationValues(
            own: OwnIdentifiers(token: "", profiles: []), harvested: HarvestedValues(bodies["anonymous"] ?? []),
            shared: shared)
    }

    /// The builder for `identity` (`nil`: anonymous).
    func builder(for identity: Identity?) -> OperationValues {
        identity.flatMap { builders[$0.name] } ?? anonymous
    }

    /// Values for `operation`'s undocumented path parameters, as `identity` would fill them.
    /// None for a write: it goes to the document's sample path, so that no probe rewrites an
    /// object someone owns, nor changes it under the reads of other checks. Trials that need a
    /// real object write its own value back (``AuthorizationCheck``).
    func values(for operation: APIOperation, as identity: Identity?) -> [String: String] {
        operation.isUnsafe ? [:] : builder(for: identity).values(for: operation)
    }

    /// Whether every undocumented path parameter of `operation` has a value for `identity`.
    func fills(_ operation: APIOperation, as identity: Identity?) -> Bool {
        values(for: operation, as: identity).count == OperationValues.undocumented(in: operation).count
    }

    /// The JSON of `operation`'s first-round answer to `identity` (success or not), if any.
    func body(of operation: APIOperation, as identity: Identity) -> JSONValue? {
        answers.first {
            $0.location.method == operation.method && $0.location.path == operation.path && $0.sentAs == identity.name
        }?.json
    }
}
