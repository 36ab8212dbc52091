import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailDemo
import Testing

@Suite("Tokens forged the ways attackers forge them, against the ES256 wallet API and its hardened twin")
struct TokenForgeryTests {
    static func outcomes(_ router: Router<BasicRequestContext>) async throws -> [Outcome] {
        let (inventory, identities) = try await WalletAPI.description()
        let api = APIUnderTest(inventory: inventory, identities: identities)
        return try await CheckHarness.outcomes(of: AuthenticationCheck(api: api), servedBy: router)
    }

    @Test("alg confusion, a sample key and a kid naming /dev/null are each found where planted, and nothing else")
    func flawed() async throws {
        let outcomes = try await Self.outcomes(WalletAPI.router(.flawed))
        #expect(
            outcomes.failures == [
                "auth.jwt-algorithm-confusion @ GET /wallet", "auth.jwt-default-key-accepted @ GET /statements",
                "auth.jwt-kid-path-accepted @ GET /cards",
            ])
        let confusion = try #require(outcomes.first { $0.status == .failed && $0.location.path == "/wallet" })
        #expect(
            confusion.detail.contains("alg confusion (EC key as PEM with final newline): 200"), "\(confusion.detail)")
        let sample = try #require(outcomes.first { $0.status == .failed && $0.location.path == "/statements" })
        #expect(sample.detail.contains("default key (your-256-bit-secret): 200"), "\(sample.detail)")
    }

    @Test("the hardened twin refuses every forgery: each rule passes, the published key was used")
    func hardened() async throws {
        let outcomes = try await Self.outcomes(WalletAPI.router(.hardened))
        #expect(outcomes.failures.isEmpty, "\(outcomes.failures)")
        for rule in ["auth.jwt-algorithm-confusion", "auth.jwt-default-key-accepted", "auth.jwt-kid-path-accepted"] {
            let judged = outcomes.filter { $0.ruleID == rule && $0.location.method == "GET" }
            #expect(judged.count == 3 && judged.allSatisfy { $0.status == .passed }, "\(rule)")
        }
        let expired = outcomes.first { $0.ruleID == "auth.jwt-expired-accepted" }
        #expect(expired?.status == .inconclusive, "an ES256 key is never guessed")
    }

    @Test("a catch-all page naming the wallet's paths, JWKS included, is no finding; confusion is untried")
    func catchAll() async throws {
        let page = "<!doctype html><title>Wallet</title><nav>Wallet · Statements · Cards · jwks</nav>"
        let outcomes = try await Self.outcomes(CheckHarness.catchAll(page, mediaType: "text/html"))
        #expect(outcomes.failures.isEmpty, "\(outcomes.failures)")
        #expect(outcomes.filter { $0.ruleID == "auth.jwt-algorithm-confusion" }.allSatisfy { $0.status != .passed })
    }
}
