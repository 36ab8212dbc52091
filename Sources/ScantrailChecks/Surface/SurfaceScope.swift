import ScantrailCore

/// What the checks that judge answers (headers, cookies, CORS, methods, errors, secrets) judge
/// besides the base URL.
public enum SurfaceScope: Sendable {
    /// The base URL alone.
    case baseURL
    /// Every operation of a description given or discovered.
    case described(APIUnderTest)
    /// Without a description: the places the scan learns (``LearnedPaths``).
    case learned

    /// The scope of a scan with `api` as its description: the places learnt without one.
    public init(_ api: APIUnderTest?) {
        self = api.map(Self.described) ?? .learned
    }

    /// The API walked on `target`, learnt at most once per scan; `nil` when only the base URL
    /// is judged.
    func api(on target: ScanTarget, context: ScanContext) async throws -> APIUnderTest? {
        switch self {
        case .baseURL: nil
        case .described(let api): api
        case .learned:
            try await context.memo.value("surface.learned") { try await LearnedPaths.api(on: target, context: context) }
        }
    }
}
