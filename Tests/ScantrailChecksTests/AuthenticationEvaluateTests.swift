import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("Authentication is judged from recorded trials: only the same data served without a valid credential fails")
struct AuthenticationEvaluateTests {
    typealias Rules = AuthenticationCheck.Rules
    typealias Variant = AuthenticationCheck.Variant

    static let alice = #"{"id":7,"email":"alice@example.test","plan":"pro","invoices":[101,102]}"#
    static let loginPage = #"{"error":"please sign in","login":"/session"}"#

    /// A secured operation's trial: alice's success, then the variants as given.
    static func secured(
        _ operation: String = "GET /me", variants: [ExchangeRecord],
        untried: [Variant: String] = [:], baseline: ExchangeRecord? = HandBuilt.record("alice", body: alice),
        notTested: String? = nil
    ) -> AuthenticationCheck.Trial {
        AuthenticationCheck.Trial(
            operation: operation, declaredSecured: true, notTested: notTested, baseline: baseline, variants: variants,
            untried: Dictionary(uniqueKeysWithValues: untried.map { ($0.key.rawValue, $0.value) }))
    }

    /// Every rule but the public-operation one is judged on a secured operation.
    static let securedRules = Rules.all.count - 1

    static func evaluate(_ trials: [AuthenticationCheck.Trial], identities: [String] = ["alice"]) -> [Outcome] {
        AuthenticationCheck(api: HandBuilt.emptyAPI).evaluate(
            AuthenticationCheck.Evidence(
                origin: HandBuilt.origin, identities: identities, publishedKeys: nil, trials: trials))
    }

    @Test("every variant refused: each rule passes at the operation, naming both answers")
    func allRefused() {
        let outcomes = Self.evaluate([
            Self.secured(variants: Variant.allCases.map { HandBuilt.record($0.rawValue, status: 401, body: "{}") })
        ])
        #expect(outcomes.count == Self.securedRules && outcomes.allSatisfy { $0.status == .passed })
        #expect(outcomes.allSatisfy { $0.location.method == "GET" && $0.location.path == "/me" })
        let anonymous = outcomes.first { $0.ruleID == Rules.unauthenticated.id }
        #expect(anonymous?.detail == "anonymous: 401 (2 bytes); alice: 200 (\(Self.alice.utf8.count) bytes)")
    }

    @Test("a garbage token answered with alice's data fails; the other variants still pass")
    func garbageAccepted() {
        let outcomes = Self.evaluate([
            Self.secured(variants: [
                HandBuilt.record("anonymous", status: 401), HandBuilt.record("garbage token", body: Self.alice),
                HandBuilt.record("tampered signature", status: 401), HandBuilt.record("alg none", status: 401),
                HandBuilt.record("expired", status: 401),
            ])
        ])
        #expect(outcomes.status(of: Rules.invalidToken.id) == .failed)
        #expect(outcomes.filter { $0.status == .failed }.count == 1)
        let failed = outcomes.first { $0.status == .failed }
        #expect(failed?.detail.hasPrefix("answered like an authenticated request — garbage token: 200") == true)
    }

    @Test("one forged signature accepted among several fails its rule, naming the forgery; the rest pass counted")
    func forgeryAccepted() {
        let refused = ["anonymous", "garbage token", "tampered signature", "alg none", "expired"].map {
            HandBuilt.record($0, status: 401)
        }
        let forged = [
            HandBuilt.record("default key (secret)", status: 401),
            HandBuilt.record("default key (your-256-bit-secret)", body: Self.alice),
            HandBuilt.record("kid path (/dev/null)", status: 401),
            HandBuilt.record("kid path (../dev/null)", status: 401),
            HandBuilt.record("alg confusion (EC key as PEM)", status: 401),
        ]
        let outcomes = Self.evaluate([Self.secured(variants: refused + forged)])
        #expect(outcomes.filter { $0.status == .failed }.map(\.ruleID) == [Rules.defaultKeyAccepted.id])
        let failed = outcomes.first { $0.status == .failed }
        #expect(
            failed?.detail.hasPrefix("answered like an authenticated request — default key (your-256-bit-secret): 200")
                == true)
        let kid = outcomes.first { $0.ruleID == Rules.keyPathAccepted.id }
        #expect(kid?.status == .passed && kid?.detail.hasSuffix("(and 1 more like it)") == true)
        #expect(outcomes.status(of: Rules.algorithmConfusion.id) == .passed)
    }

    @Test("where any signature is taken, forged keys prove nothing more: not applicable, naming the looser variant")
    func forgeriesSubsumed() {
        let variants = Variant.allCases.map {
            HandBuilt.record($0.rawValue, status: $0 == .anonymous || $0 == .garbage ? 401 : 200, body: Self.alice)
        }
        let outcomes = Self.evaluate([Self.secured(variants: variants)])
        #expect(outcomes.status(of: Rules.signatureNotVerified.id) == .failed)
        for rule in [Rules.defaultKeyAccepted, Rules.keyPathAccepted, Rules.algorithmConfusion] {
            let outcome = outcomes.first { $0.ruleID == rule.id }
            #expect(outcome?.status == .notApplicable, "\(rule.id)")
            #expect(outcome?.detail == "the operation accepts a tampered signature already: no key needs guessing")
        }
    }

    @Test("a 200 that is not the identity's answer (a sign-in page) is not a bypass")
    func successIsNotEnough() {
        let outcomes = Self.evaluate([
            Self.secured(variants: Variant.allCases.map { HandBuilt.record($0.rawValue, body: Self.loginPage) })
        ])
        #expect(outcomes.allSatisfy { $0.status == .passed })
    }

    @Test("JWT variants that could not be built are inconclusive with why, never passed")
    func untried() {
        let reason = "alice's credential is not a JWT"
        let outcomes = Self.evaluate([
            Self.secured(
                variants: [HandBuilt.record("anonymous", status: 401), HandBuilt.record("garbage token", status: 401)],
                untried: [.tampered: reason, .none: reason, .expired: reason])
        ])
        for rule in [Rules.signatureNotVerified, Rules.algorithmNone, Rules.expiredAccepted] {
            let outcome = outcomes.first { $0.ruleID == rule.id }
            #expect(outcome?.status == .inconclusive && outcome?.detail == "not tested: \(reason)")
        }
        #expect(outcomes.status(of: Rules.unauthenticated.id) == .passed)
    }

    @Test("when no identity got a success there is nothing to compare with: inconclusive, naming who tried")
    func noBaseline() {
        let outcomes = Self.evaluate(
            [Self.secured(variants: [], baseline: HandBuilt.record("bob", status: 403))], identities: ["alice", "bob"])
        #expect(outcomes.count == Self.securedRules && outcomes.allSatisfy { $0.status == .inconclusive })
        #expect(
            outcomes[0].detail
                == "no identity (alice, bob) got a success (last: 403 (2 bytes)): nothing to compare with")
    }

    @Test("an operation not tried (unsafe in passive mode, a catch-all page) is inconclusive with its reason")
    func notTested() {
        let outcomes = Self.evaluate([
            Self.secured("DELETE /me", variants: [], baseline: nil, notTested: "DELETE is not sent without --active")
        ])
        #expect(
            outcomes.allSatisfy { $0.status == .inconclusive && $0.detail == "DELETE is not sent without --active" })
    }

    @Test("without identities every rule is inconclusive at the origin")
    func noIdentities() {
        let outcomes = Self.evaluate([], identities: [])
        #expect(outcomes.count == Rules.all.count)
        #expect(outcomes.allSatisfy { $0.status == .inconclusive && $0.location.path == "/" })
    }

    @Test("a public operation that serves, anonymously, a personal value a secured one returns fails")
    func publicLeak() {
        let directory = AuthenticationCheck.Trial(
            operation: "GET /directory", declaredSecured: false, notTested: nil,
            baseline: HandBuilt.record("alice", body: #"[{"name":"Alice","email":"alice@example.test"}]"#),
            variants: [HandBuilt.record("anonymous", body: #"[{"name":"Alice","email":"alice@example.test"}]"#)],
            untried: [:])
        let outcomes = Self.evaluate([
            Self.secured(variants: Variant.allCases.map { HandBuilt.record($0.rawValue, status: 401) }), directory,
        ])
        let exposure = outcomes.first { $0.ruleID == Rules.publicExposure.id }
        #expect(exposure?.status == .failed)
        #expect(exposure?.detail.hasSuffix("carrying email values that secured operations return") == true)
    }

    @Test("a public operation whose anonymous answer carries no personal value passes; names alone do not count")
    func publicClean() {
        let catalogue = AuthenticationCheck.Trial(
            operation: "GET /plans", declaredSecured: false, notTested: nil,
            baseline: HandBuilt.record("alice", body: #"[{"name":"pro","author":"Alice"}]"#),
            variants: [HandBuilt.record("anonymous", body: #"[{"name":"pro","author":"Alice"}]"#)], untried: [:])
        let outcomes = Self.evaluate([
            Self.secured(variants: Variant.allCases.map { HandBuilt.record($0.rawValue, status: 401) }), catalogue,
        ])
        #expect(outcomes.status(of: Rules.publicExposure.id) == .passed)
    }

    @Test("similarity is Jaccard over word and number tokens, with 0.8 as the bar")
    func similarity() {
        #expect(ResponseSimilarity.score("", "") == 1)
        #expect(ResponseSimilarity.score(#"{"a":1,"b":2}"#, #"{"b":2,"a":1}"#) == 1)
        #expect(ResponseSimilarity.score("a b c d", "a b c e") == 0.6)
        let owner = HandBuilt.record("alice", body: "a b c d e f g h i j")
        // 9 shared of 11 is above the bar, 8 of 12 below it.
        #expect(ResponseSimilarity.resembles(HandBuilt.record("x", body: "a b c d e f g h i k"), owner))
        #expect(!ResponseSimilarity.resembles(HandBuilt.record("x", body: "a b c d e f g h k l"), owner))
        #expect(!ResponseSimilarity.resembles(HandBuilt.record("x", status: 403, body: "a b c d e f g h i j"), owner))
    }
}
