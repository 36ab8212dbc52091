import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("What names an identity: its token's claims and its own profile")
struct OwnIdentifiersTests {
    static let token = JSONWebTokenTests.signed(
        ["sub": .string("alice"), "exp": .number(1_790_003_600)], secret: "k8Jz-Qm2v-Lp9x-Rt4w-Nc7b")
    static let own = OwnIdentifiers(
        token: token,
        profiles: [.object(["data": .object(["id": .string("u-alice"), "email": .string("alice@example.test")])])])

    @Test(
        "ids stand for user parameters, the profile's before the token's; names for name-like ones; other parameters get none"
    )
    func candidates() {
        #expect(Self.own.candidates(for: "userId", in: "/users/{userId}/orders") == ["u-alice", "alice"])
        #expect(Self.own.candidates(for: "id", in: "/accounts/{id}") == ["u-alice", "alice"])
        #expect(Self.own.candidates(for: "username", in: "/profiles/{username}") == ["alice@example.test"])
        #expect(Self.own.candidates(for: "orderId", in: "/orders/{orderId}").isEmpty)
        #expect(Self.own.candidates(for: "id", in: "/orders/{id}").isEmpty)
    }

    @Test("an answer names the identity by whole values only")
    func named() {
        #expect(Self.own.named(in: #"{"owner":"u-alice","email":"alice@example.test"}"#) == ["id", "email"])
        #expect(Self.own.named(in: #"{"owner":"u-bob","note":"not alice's"}"#).isEmpty)
    }

    @Test("profile-like operations are told by their last segment")
    func profiles() {
        #expect(OwnIdentifiers.isProfile("/me") && OwnIdentifiers.isProfile("/v1/users/current"))
        #expect(!OwnIdentifiers.isProfile("/orders"))
    }
}
