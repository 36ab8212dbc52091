import ScantrailCore

/// What was judged at one operation, check by check: the coverage an auditor reads per
/// operation ("`GET /orders`: CORS failed, as alice; headers passed, as alice and bob").
struct OperationCoverage: Sendable {
    /// One check's part at the operation.
    struct Judgement: Sendable, Equatable {
        /// The check.
        let checkID: String
        /// The gravest status among its outcomes there (failed beats passed beats not
        /// applicable beats inconclusive).
        let status: Outcome.Status
        /// Whether a host-wide outcome speaks for the operation (a header missing everywhere).
        let hostWide: Bool
        /// As whom, where the check says; sorted.
        let sentAs: [String]
    }

    /// `GET /orders`.
    let operation: String
    /// The checks that judged it, in the result's order.
    let judgements: [Judgement]

    /// What an operation no check judged says.
    static let notJudged = "not judged by any check"

    /// The judgements, `; `-separated, or ``notJudged``.
    var summary: String { judgements.isEmpty ? Self.notJudged : judgements.map(\.summary).joined(separator: "; ") }

    /// With a description, its operations, each with what judged it (nothing, for those no
    /// check did); without one, every place with a method some check judged (a TLS port or the
    /// host as a whole has none). By `METHOD path`, sorted.
    static func of(_ result: ScanResult) -> [OperationCoverage] {
        var byOperation = Dictionary((result.documentedOperations ?? []).map { ($0, [Judgement]()) }) { first, _ in
            first
        }
        for run in result.checks {
            var found: [String: Judgement] = [:]
            for outcome in run.outcomes {
                let places = (outcome.places ?? [outcome.location]).filter { $0.method != nil }
                for place in places {
                    let key = "\(place.method ?? "") \(place.path)"
                    let judgement = Judgement(
                        checkID: run.checkID, status: outcome.status, hostWide: outcome.places != nil,
                        sentAs: outcome.sentAs(at: place) ?? [])
                    found[key] = found[key].map { $0.merged(with: judgement) } ?? judgement
                }
            }
            for (key, judgement) in found { byOperation[key, default: []].append(judgement) }
        }
        let listed = result.documentedOperations.map(Set.init) ?? Set(byOperation.keys)
        return listed.sorted().map { OperationCoverage(operation: $0, judgements: byOperation[$0] ?? []) }
    }
}

extension OperationCoverage.Judgement {
    /// The graver of two judgements of one check at one operation, as whom either says.
    func merged(with other: Self) -> Self {
        let graver = other.status.precedence > status.precedence ? other : self
        return Self(
            checkID: checkID, status: graver.status, hostWide: graver.hostWide,
            sentAs: Array(Set(sentAs + other.sentAs)).sorted())
    }

    /// `cors.policy failed (host-wide, as alice)`.
    var summary: String {
        let notes = (hostWide ? ["host-wide"] : []) + (sentAs.isEmpty ? [] : ["as " + sentAs.joined(separator: ", ")])
        let word = status == .notApplicable ? "not applicable" : status.rawValue
        return "\(checkID) \(word)" + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))")
    }
}
