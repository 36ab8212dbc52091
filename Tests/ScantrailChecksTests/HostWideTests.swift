import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("Host-wide or per operation: how answers judged one by one become findings")
struct HostWideTests {
    static let origin = "http://127.0.0.1:8080"
    static let host = Location(origin: origin, method: nil, path: "/*")
    static let rule = SecurityHeadersCheck.Rules.contentTypeOptions
    static let operations = ["GET /orders", "GET /orders/{id}", "GET /me"].map {
        Location(origin: origin, operation: $0)
    }

    static func outcome(_ status: Outcome.Status, at place: Location, _ discriminator: String? = nil) -> Outcome {
        Outcome(ruleID: rule.id, status: status, location: place.with(discriminator: discriminator), detail: "seen")
    }

    static func aggregate(_ outcomes: [Outcome], perTrial: Bool = false, answered: [Location] = operations)
        -> [Outcome]
    {
        HostWide.aggregate(outcomes, answered: answered, at: host, rules: [rule], perTrial: perTrial)
    }

    @Test("failing on every operation answered is one finding for the host, listing the places")
    func everywhere() {
        let result = Self.aggregate(Self.operations.map { Self.outcome(.failed, at: $0) })
        #expect(result.count == 1)
        let folded = try! #require(result.first)
        #expect(folded.status == .failed && folded.location == Self.host)
        #expect(folded.places == Self.operations.sorted { $0.display < $1.display })
        #expect(folded.detail == "on all 3 places answered: seen")
    }

    @Test("failing on some operations is a finding at each, and the host is judged per operation")
    func somewhere() {
        let outcomes = [
            Self.outcome(.failed, at: Self.operations[0]), Self.outcome(.passed, at: Self.operations[1]),
            Self.outcome(.failed, at: Self.operations[2]),
        ]
        let result = Self.aggregate(outcomes)
        #expect(result.filter { $0.status == .failed }.map(\.location) == [Self.operations[0], Self.operations[2]])
        let hostOutcome = try! #require(result.first { $0.location == Self.host })
        #expect(hostOutcome.status == .notApplicable)
        #expect(hostOutcome.detail == "judged per place: fails on 2 of the 3 places answered")
    }

    @Test("one operation alone never speaks for the host")
    func single() {
        let place = Self.operations[0]
        let result = Self.aggregate([Self.outcome(.failed, at: place)], answered: [place])
        #expect(result.contains { $0.status == .failed && $0.location == place })
        #expect(result.contains { $0.status == .notApplicable && $0.location == Self.host })
    }

    @Test("several identities' answers at one place are one judgement: a failure beats a pass")
    func identities() {
        let place = Self.operations[0]
        let result = Self.aggregate(
            [
                Self.outcome(.passed, at: place), Self.outcome(.failed, at: place),
                Self.outcome(.inconclusive, at: place),
            ],
            answered: [place])
        #expect(result.filter { $0.location == place }.map(\.status) == [.failed])
    }

    @Test("a discriminator present at some places (a cookie one operation sets) stays at those places")
    func cookieOfOneOperation() {
        let result = Self.aggregate([Self.outcome(.failed, at: Self.operations[2], "sid")])
        #expect(
            result.filter { $0.status == .failed }.map(\.location) == [Self.operations[2].with(discriminator: "sid")])
    }

    @Test("a trial made at some places only folds when it fails at every place it was judged at")
    func trials() {
        // Two GETs got the crafted origin, one operation only a preflight.
        let outcomes = [
            Self.outcome(.failed, at: Self.operations[0], "arbitrary"),
            Self.outcome(.failed, at: Self.operations[1], "arbitrary"),
            Self.outcome(.passed, at: Self.operations[2], "preflight"),
        ]
        let folded = Self.aggregate(outcomes, perTrial: true)
        #expect(folded.filter { $0.status == .failed }.map(\.location) == [Self.host.with(discriminator: "arbitrary")])
        let unfolded = Self.aggregate(outcomes)
        #expect(unfolded.filter { $0.status == .failed }.count == 2, "without trials, every answered place counts")
    }

    @Test("the base URL failing a rule that folds joins the fold; passing, it does not stop it")
    func baseURLJoinsTheFold() {
        let base = Location(origin: Self.origin, method: "GET", path: "/")
        let everywhere = Self.operations.map { Self.outcome(.failed, at: $0) }
        let joined = Self.aggregate([Self.outcome(.failed, at: base)] + everywhere)
        #expect(joined.filter { $0.status == .failed }.map(\.location) == [Self.host], "one finding, not two")
        #expect(Set(joined.first { $0.status == .failed }?.places ?? []) == Set([base] + Self.operations))
        let landing = Self.aggregate([Self.outcome(.passed, at: base)] + everywhere)
        #expect(landing.filter { $0.status == .failed }.map(\.location) == [Self.host])
        #expect(landing.contains { $0.status == .passed && $0.location == base }, "a good landing page stays judged")
    }

    @Test("one operation and the base URL failing alike are the host's finding; elsewhere the base passes through")
    func baseURLAndOneOperation() {
        let base = Location(origin: Self.origin, method: "GET", path: "/")
        let place = Self.operations[0]
        let pair = Self.aggregate(
            [Self.outcome(.failed, at: base), Self.outcome(.failed, at: place)], answered: [place])
        #expect(pair.filter { $0.status == .failed }.map(\.location) == [Self.host])
        let split = Self.aggregate(
            [
                Self.outcome(.failed, at: base), Self.outcome(.failed, at: place),
                Self.outcome(.passed, at: Self.operations[1]),
            ],
            answered: [place, Self.operations[1]])
        #expect(split.filter { $0.status == .failed }.map(\.location) == [base, place])
        #expect(Self.aggregate([Self.outcome(.failed, at: base)], answered: []).map(\.location) == [base])
    }
}
