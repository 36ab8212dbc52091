import ScantrailCore

extension Outcome {
    /// The same judgement, its detail saying as whom the answer was asked for (`as alice: …`).
    func sent(as name: String) -> Outcome {
        Outcome(
            ruleID: ruleID, status: status, location: location, detail: "as \(name): \(detail)", places: places,
            sentAs: [name])
    }
}
