import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("JWT posture judged on the facts read from each identity's token")
struct JWTPostureEvaluateTests {
    typealias Token = JWTPostureCheck.Token

    static func outcomes(_ tokens: [Token], maxLifetimeHours: Int = 24) -> [Outcome] {
        JWTPostureCheck(identities: [])
            .evaluate(
                .init(
                    origin: HandBuilt.origin, maxLifetimeHours: maxLifetimeHours,
                    dictionary: [.init(name: "built-in defaults", count: 150), .init(name: "patterns", count: 11_500)],
                    tokens: tokens))
    }

    @Test("a short-lived RS256 token with no secret claim passes every rule, per identity")
    func healthy() {
        let token = Token(
            identity: "alice", algorithm: "RS256", weakSecret: false, keySource: nil, lifetimeSeconds: 900,
            sensitiveClaims: [])
        let outcomes = Self.outcomes([token])
        #expect(outcomes.count == JWTPostureCheck.metadata.rules.count)
        #expect(outcomes.allSatisfy { $0.status == .passed && $0.location.discriminator == "identity alice" })
    }

    @Test("each weakness fails its own rule")
    func weaknesses() {
        let none = Token(
            identity: "a", algorithm: "none", weakSecret: false, keySource: nil, lifetimeSeconds: 60,
            sensitiveClaims: [])
        #expect(Self.outcomes([none]).status(of: "jwt.alg-none") == .failed)
        let weak = Token(
            identity: "a", algorithm: "HS256", weakSecret: true, keySource: "built-in defaults", lifetimeSeconds: 60,
            sensitiveClaims: [])
        #expect(Self.outcomes([weak]).status(of: "jwt.weak-secret") == .failed)
        let long = Token(
            identity: "a", algorithm: "RS256", weakSecret: false, keySource: nil, lifetimeSeconds: 30 * 86_400,
            sensitiveClaims: [])
        #expect(Self.outcomes([long]).status(of: "jwt.long-lifetime") == .failed)
        #expect(Self.outcomes([long], maxLifetimeHours: 24 * 31).status(of: "jwt.long-lifetime") == .passed)
        let leaky = Token(
            identity: "a", algorithm: "RS256", weakSecret: false, keySource: nil, lifetimeSeconds: 60,
            sensitiveClaims: ["password"])
        #expect(Self.outcomes([leaky]).status(of: "jwt.sensitive-claims") == .failed)
    }

    @Test("a weak key is told by the source it came from, never itself; a strong one by the candidates tried")
    func keyDetails() {
        let weak = Token(
            identity: "a", algorithm: "HS256", weakSecret: true, keySource: "English words",
            lifetimeSeconds: 60, sensitiveClaims: [])
        let failed = Self.outcomes([weak]).first { $0.ruleID == "jwt.weak-secret" }
        #expect(failed?.detail == "HS256 key is a candidate of the dictionary (English words)")
        let strong = Token(
            identity: "a", algorithm: "HS512", weakSecret: false, keySource: nil, lifetimeSeconds: 60,
            sensitiveClaims: [])
        let passed = Self.outcomes([strong]).first { $0.ruleID == "jwt.weak-secret" }
        #expect(
            passed?.detail == "HS512 key is none of the 11650 candidates (built-in defaults 150, patterns 11500)")
    }

    @Test("a token without exp fails missing-exp, and its lifetime is not applicable rather than passed")
    func noExpiry() {
        let token = Token(
            identity: "a", algorithm: "RS256", weakSecret: false, keySource: nil, lifetimeSeconds: nil,
            sensitiveClaims: [])
        let outcomes = Self.outcomes([token])
        #expect(outcomes.status(of: "jwt.missing-exp") == .failed)
        #expect(outcomes.status(of: "jwt.long-lifetime") == .notApplicable)
    }

    @Test("without a JWT among the identities' credentials there is nothing to judge")
    func noToken() {
        #expect(Self.outcomes([]).allSatisfy { $0.status == .notApplicable })
    }
}
