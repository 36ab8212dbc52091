import ScantrailCore

/// How outcomes judged answer by answer become findings. A rule that fails on every documented
/// (or learnt) operation that answered (a header missing on every answer, a cookie every answer
/// sets) is a property of the whole server: one outcome at the host's location, listing the
/// places it was seen on. Otherwise each operation keeps its own outcome, and the host's
/// location says the rule was judged per place (not applicable there), which closes an earlier
/// host-wide finding. Either way the same target gives the same fingerprints scan after scan.
enum HostWide {
    /// Where host-wide outcomes are kept: `/*` under the target's base path, without a method.
    static func location(of target: ScanTarget) -> Location {
        let base = target.basePath.hasSuffix("/") ? target.basePath : target.basePath + "/"
        return Location(origin: target.origin, method: nil, path: base + "*")
    }

    /// `outcomes` with one judgement per rule and place (failed beats passed beats not
    /// applicable beats inconclusive; the first of equals stays), then those failing on every
    /// place of `answered` folded into one outcome at `host`, discriminator kept, when at least
    /// two places fail. With `perTrial`, a discriminator names a trial made at some places only
    /// (a crafted origin, a provocation): it folds when it fails at every answered place it was
    /// judged at. Every rule of `rules` gets an outcome at `host` when `answered` is not empty.
    /// Outcomes at places outside `answered` (the base URL) pass through, except a failure of a
    /// rule that folds: the same property seen once more, it joins the fold's places.
    static func aggregate(
        _ outcomes: [Outcome], answered: [Location], at host: Location, rules: [Rule], perTrial: Bool = false
    ) -> [Outcome] {
        var merged: [Outcome] = []
        var index: [Location: [String: Int]] = [:]
        for outcome in outcomes {
            if let position = index[outcome.location]?[outcome.ruleID] {
                let kept = merged[position]
                let winner = outcome.status.precedence > kept.status.precedence ? outcome : kept
                merged[position] = winner.alsoSent(as: kept.sentAs).alsoSent(as: outcome.sentAs)
            } else {
                index[outcome.location, default: [:]][outcome.ruleID] = merged.count
                merged.append(outcome)
            }
        }
        let places = Set(answered)
        guard !places.isEmpty else { return merged }
        struct Group: Hashable {
            let ruleID: String
            let discriminator: String?
        }
        let failing = Dictionary(
            grouping: merged.filter { $0.status == .failed },
            by: { Group(ruleID: $0.ruleID, discriminator: $0.location.discriminator) })
        let tried = Dictionary(
            grouping: merged.filter {
                $0.status != .inconclusive && places.contains($0.location.with(discriminator: nil))
            },
            by: \.location.discriminator
        ).mapValues { Set($0.map { $0.location.with(discriminator: nil) }) }
        let everywhere = failing.filter { group, failures in
            let expected = perTrial ? tried[group.discriminator]?.count ?? 0 : places.count
            let inside = failures.filter { places.contains($0.location.with(discriminator: nil)) }.count
            return expected >= 1 && inside == expected && failures.count >= 2
        }
        let folded = Set(everywhere.keys)
        // In a folded group every answered place failed: the fold replaces all its failures.
        var result = merged.filter {
            $0.status != .failed || !folded.contains(Group(ruleID: $0.ruleID, discriminator: $0.location.discriminator))
        }
        for (group, failures) in everywhere.sorted(by: {
            ($0.key.ruleID, $0.key.discriminator ?? "") < ($1.key.ruleID, $1.key.discriminator ?? "")
        }) {
            let seen = failures.sorted { $0.location.display < $1.location.display }
            result.append(
                failures[0].spanning(
                    seen.map { $0.location.with(discriminator: nil) }, sentAs: seen.map { $0.sentAs ?? [] },
                    at: host.with(discriminator: group.discriminator),
                    "on all \(failures.count) places answered: \(failures[0].detail)"))
        }
        for rule in rules where !folded.contains(Group(ruleID: rule.id, discriminator: nil)) {
            let count = Set(
                failing.filter { $0.key.ruleID == rule.id }.flatMap {
                    $0.value.map { $0.location.with(discriminator: nil) }
                }
            ).intersection(places).count
            result.append(
                .notApplicable(
                    rule, at: host,
                    count == 0
                        ? "judged per place: fails on none of the \(places.count) places answered"
                        : "judged per place: fails on \(count) of the \(places.count) places answered"))
        }
        return result
    }
}
