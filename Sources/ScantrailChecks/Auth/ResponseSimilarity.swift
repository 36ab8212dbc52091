/// Whether one response is "the same answer" as another: what tells a real authentication
/// bypass (the protected data came back) from a server that merely does not say 401 (a 200
/// login page, an error object).
enum ResponseSimilarity {
    /// Bodies at least this similar count as the same answer.
    static let threshold = 0.8

    /// Jaccard similarity of the bodies' word and number tokens, 0…1; two empty bodies are 1.
    static func score(_ first: String, _ second: String) -> Double {
        let a = tokens(first)
        let b = tokens(second)
        if a.isEmpty && b.isEmpty { return 1 }
        return Double(a.intersection(b).count) / Double(a.union(b).count)
    }

    /// Whether `candidate` succeeded like `reference` did, with a body at least ``threshold`` similar.
    static func resembles(_ candidate: ExchangeRecord, _ reference: ExchangeRecord) -> Bool {
        candidate.succeeded && reference.succeeded
            && score(candidate.bodyExcerpt, reference.bodyExcerpt) >= threshold
    }

    private static func tokens(_ text: String) -> Set<Substring> {
        Set(text.split { !$0.isLetter && !$0.isNumber })
    }
}
