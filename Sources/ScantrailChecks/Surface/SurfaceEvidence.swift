import ScantrailCore

/// What the response checks judge: the base URL's answer and, when the API is described, every
/// documented operation's answers as each identity that applies (``APIUnderTest`` walks them
/// once per scan) — without a description, the answers of the places the scan learnt
/// (``LearnedPaths``). Evidence recorded before operations were walked decodes with none.
public struct SurfaceEvidence: Codable, Sendable {
    /// Where the base URL's request went.
    public let location: Location
    /// The base URL's exchange.
    public let exchange: HTTPExchange
    /// The documented (or learnt) operations' answers; `nil` when only the base URL was judged.
    public let answers: [SurfaceAnswer]?
    /// Where a rule failing on every operation is reported (``HostWide``).
    public let hostWide: Location?

    /// Sends a GET for the base URL (reused across checks) and walks the operations `scope` adds.
    static func collect(
        _ target: ScanTarget, scope: SurfaceScope, context: ScanContext, followRedirects: Bool
    ) async throws -> Self {
        let api = try await scope.api(on: target, context: context)
        let base = try await ResponseEvidence.baseURL(of: target, context: context, followRedirects: followRedirects)
        let answers = try await api?.surface(on: target, context: context)
        return SurfaceEvidence(
            location: base.location, exchange: base.exchange, answers: answers,
            hostWide: api.map { _ in HostWide.location(of: target) })
    }

    /// Why an operation that answered with the server's catch-all page is not judged.
    static let catchAllNote =
        "answers with the server's catch-all page (the soft-404 baseline's), as a path that does not exist: the host is judged at the base URL, and inventory.documented-missing judges the operation"

    /// Every answer judged by `judge` (each rule of `rules` inconclusive where none came), as
    /// one outcome per rule and place, folded by ``HostWide`` where a rule fails everywhere.
    /// Details say as whom an operation answered.
    func judged(
        _ rules: [Rule],
        by judge: (HTTPExchange.Response, HTTPExchange.Request, Location) -> [Outcome]
    ) -> [Outcome] {
        let base = SurfaceAnswer(location: location, sentAs: "anonymous", exchange: exchange)
        let outcomes = ([base] + (answers ?? [])).flatMap { answer -> [Outcome] in
            let judged: [Outcome]
            switch answer.exchange.judgeable {
            case .success where answer.catchAll == true:
                judged = rules.map { .notApplicable($0, at: answer.location, Self.catchAllNote) }
            case .failure(let reason):
                judged = rules.map { .inconclusive($0, at: answer.location, reason.text) }
            case .success(let response):
                judged = judge(response, answer.exchange.request, answer.location)
            }
            guard answer.location != location else { return judged }
            return judged.map { $0.sent(as: answer.sentAs) }
        }
        guard let hostWide, let answers else { return outcomes }
        let answered = answers.filter { (try? $0.exchange.judgeable.get()) != nil && $0.catchAll != true }
            .map(\.location)
        return HostWide.aggregate(outcomes, answered: answered, at: hostWide, rules: rules)
    }
}
