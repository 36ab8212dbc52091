import Foundation
import ScantrailCore
import ScantrailOpenAPI

extension APIUnderTest {
    /// The whole API's answers, walked once per scan for every check that judges them: each
    /// documented GET (and, with `--active`, each other operation, as its first identity only)
    /// requested as every identity that applies — a secured operation as each identity, a
    /// public one anonymously. Operations whose path parameters have no documented value come
    /// second, filled by ``OperationValues`` from the first round's answers.
    func surface(on target: ScanTarget, context: ScanContext) async throws -> [SurfaceAnswer] {
        try await context.memo.value("api.surface") { try await walk(target, context) }
    }

    /// The identities to request `operation` as: `nil` stands for anonymous.
    private func callers(of operation: APIOperation) -> [Identity?] {
        guard operation.isSecured, !identities.isEmpty else { return [nil] }
        return operation.isUnsafe ? [identities[0]] : identities
    }

    private func walk(_ target: ScanTarget, _ context: ScanContext) async throws -> [SurfaceAnswer] {
        let operations = inventory.operations.filter { !$0.isUnsafe || context.configuration.active }
        let first = operations.filter { !OperationValues.needsHarvest($0) }
        let early = try await answers(first, on: target, context) { _, _ in [:] }
        let bodies = Dictionary(grouping: early.filter(\.succeeded), by: \.sentAs).mapValues { $0.compactMap(\.json) }
        let shared = HarvestedValues(bodies.values.flatMap { $0 })
        var built: [String: OperationValues] = [:]
        for identity in identities {
            let own = bodies[identity.name] ?? []
            let profiles = early.filter {
                $0.succeeded && $0.sentAs == identity.name && OwnIdentifiers.isProfile($0.location.path)
            }
            .compactMap(\.json)
            built[identity.name] = OperationValues(
                own: OwnIdentifiers(token: identity.credential.token, profiles: profiles),
                harvested: HarvestedValues(own), shared: shared)
        }
        let builders = built
        let anonymous = OperationValues(
            own: OwnIdentifiers(token: "", profiles: []), harvested: HarvestedValues(bodies["anonymous"] ?? []),
            shared: shared)
        let late = try await answers(operations.filter(OperationValues.needsHarvest), on: target, context) {
            operation, identity in
            (identity.flatMap { builders[$0.name] } ?? anonymous).values(for: operation)
        }
        return early + late
    }

    /// `operations` requested as each of their callers, in order, with `values` for each pair.
    private func answers(
        _ operations: [APIOperation], on target: ScanTarget, _ context: ScanContext,
        values: @escaping @Sendable (APIOperation, Identity?) -> [String: String]
    ) async throws -> [SurfaceAnswer] {
        let pairs = operations.flatMap { operation in callers(of: operation).map { (operation, $0) } }
        return try await context.concurrentMap(pairs) { operation, identity in
            let credential = try await identity?.currentCredential()
            let request = request(
                operation, on: target, values: values(operation, identity), credential: credential)
            return SurfaceAnswer(
                location: Location(origin: target.origin, operation: operation.label),
                sentAs: identity?.name ?? "anonymous", exchange: try await context.http.send(request))
        }
    }
}
