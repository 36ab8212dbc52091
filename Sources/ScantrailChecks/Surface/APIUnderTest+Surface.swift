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

    /// The values every check fills requests with, learnt once per scan from the walk's first
    /// round: the operations whose path parameters all have a documented value.
    func values(on target: ScanTarget, context: ScanContext) async throws -> RequestValues {
        try await context.memo.value("api.values") {
            let first = walked(context).filter { !OperationValues.needsHarvest($0) }
            return RequestValues(
                answers: try await answers(first, on: target, context) { _, _ in [:] }, identities: identities)
        }
    }

    /// The request for `operation` without credentials, its parameters filled from `book` as
    /// for the identity that would call it (the first, when it is secured): what probes that
    /// add their own headers or body (a preflight, a provocation, a TRACE) start from.
    func anonymousRequest(_ operation: APIOperation, on target: ScanTarget, book: RequestValues) -> ProbeRequest {
        let values = book.values(for: operation, as: operation.isSecured ? identities.first : nil)
        return request(operation, on: target, values: values, credential: nil)
    }

    /// The operations the walk requests: the unsafe ones only with `--active`.
    private func walked(_ context: ScanContext) -> [APIOperation] {
        inventory.operations.filter { !$0.isUnsafe || context.configuration.active }
    }

    private func walk(_ target: ScanTarget, _ context: ScanContext) async throws -> [SurfaceAnswer] {
        let book = try await values(on: target, context: context)
        let late = try await answers(walked(context).filter(OperationValues.needsHarvest), on: target, context) {
            operation, identity in book.values(for: operation, as: identity)
        }
        return book.answers + late
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
            let exchange = try await context.http.send(request)
            return SurfaceAnswer(
                location: Location(origin: target.origin, operation: operation.label),
                sentAs: identity?.name ?? "anonymous", exchange: exchange,
                catchAll: try await context.softNotFound.isSoftNotFound(exchange))
        }
    }
}
