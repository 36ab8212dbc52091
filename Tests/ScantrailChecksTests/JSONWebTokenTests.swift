import Crypto
import Foundation
import ScantrailCore
import Testing

@testable import ScantrailChecks

@Suite("JWTs are read without verifying them, and forged the ways attackers forge them")
struct JSONWebTokenTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// An HS256 token over `claims`, signed with `secret`.
    static func signed(_ claims: [String: JSONValue], secret: String, algorithm: String = "HS256") -> String {
        let input =
            JSONWebToken.encode(json: .object(["alg": .string(algorithm), "typ": .string("JWT")])) + "."
            + JSONWebToken.encode(json: .object(claims))
        let key = SymmetricKey(data: Data(secret.utf8))
        let signature: [UInt8] =
            switch algorithm {
            case "HS384": Array(HMAC<SHA384>.authenticationCode(for: Data(input.utf8), using: key))
            default: Array(HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: key))
            }
        return input + "." + JSONWebToken.encode(signature)
    }

    static let claims: [String: JSONValue] = [
        "sub": .string("alice"), "exp": .number(1_790_003_600), "iat": .number(1_790_000_000),
    ]

    @Test("header, claims, algorithm and times are read from an unverified token")
    func reads() throws {
        let token = try #require(JSONWebToken(Self.signed(Self.claims, secret: "secret")))
        #expect(token.algorithm == "HS256")
        #expect(token.claims["sub"] == .string("alice"))
        #expect(token.expiry == Date(timeIntervalSince1970: 1_790_003_600))
        #expect(token.issuedAt == Self.now)
    }

    @Test(
        "what is not three base64url segments of JSON is not a JWT",
        arguments: ["opaque-api-key", "a.b", "a.b.c.d", "e30.bm90IGpzb24.x", ""])
    func notJWT(text: String) {
        #expect(JSONWebToken(text) == nil)
    }

    @Test("a tampered token keeps header and claims and flips every signature byte")
    func tampered() throws {
        let original = Self.signed(Self.claims, secret: "secret")
        let forged = try #require(JSONWebToken(original)).withTamperedSignature
        let (a, b) = (original.split(separator: "."), forged.split(separator: "."))
        #expect(a[0] == b[0] && a[1] == b[1] && a[2] != b[2])
        let flipped = try #require(JSONWebToken.decode(b[2]))
        #expect(zip(try #require(JSONWebToken.decode(a[2])), flipped).allSatisfy { $0 ^ 0xFF == $1 })
    }

    @Test("alg none keeps the claims, changes only alg and drops the signature")
    func algorithmNone() throws {
        let forged = try #require(JSONWebToken(Self.signed(Self.claims, secret: "secret"))).withAlgorithmNone
        #expect(forged.hasSuffix("."))
        let token = try #require(JSONWebToken(forged))
        #expect(token.algorithm == "none" && token.header["typ"] == .string("JWT"))
        #expect(token.claims == Self.claims)
    }

    /// The first of `candidates` whose HMAC of the token's signed bytes is its signature, as
    /// Crypto computes it (an oracle beside the search the dictionary runs).
    static func secret(of token: JSONWebToken, among candidates: [String]) -> String? {
        guard let (bits, input, mac) = token.hmacSignature else { return nil }
        return candidates.first { candidate in
            let key = SymmetricKey(data: Data(candidate.utf8))
            switch bits {
            case 384: return Data(HMAC<SHA384>.authenticationCode(for: input, using: key)) == Data(mac)
            case 512: return Data(HMAC<SHA512>.authenticationCode(for: input, using: key)) == Data(mac)
            default: return Data(HMAC<SHA256>.authenticationCode(for: input, using: key)) == Data(mac)
            }
        }
    }

    @Test("a weak HMAC key is found in the dictionary; a strong one is not")
    func weakSecret() throws {
        let weak = try #require(JSONWebToken(Self.signed(Self.claims, secret: "secret")))
        #expect(Self.secret(of: weak, among: WeakSecrets.all) == "secret")
        let strong = try #require(JSONWebToken(Self.signed(Self.claims, secret: "k8Jz-Qm2v-Lp9x-Rt4w-Nc7b")))
        #expect(Self.secret(of: strong, among: WeakSecrets.all) == nil)
    }

    @Test("a forged token keeps the claims, sets alg, changes or drops header fields, and verifies with its key")
    func forged() throws {
        let original = try #require(JSONWebToken(Self.signed(Self.claims, secret: "k8Jz-Qm2v-Lp9x-Rt4w-Nc7b")))
        let text = original.forged(header: ["kid": .string("/dev/null"), "typ": nil], key: [])
        let forged = try #require(JSONWebToken(text))
        #expect(forged.header == ["alg": .string("HS256"), "kid": .string("/dev/null")])
        #expect(forged.claims == Self.claims)
        #expect(Self.secret(of: forged, among: ["secret", ""]) == "", "signed with the empty key")
        let confused = try #require(JSONWebToken(original.forged(key: Array("-----BEGIN PUBLIC KEY-----".utf8))))
        #expect(Self.secret(of: confused, among: ["-----BEGIN PUBLIC KEY-----"]) != nil)
    }

    @Test("an expired variant is re-signed with the key found, an hour past expiry, and verifies")
    func expired() throws {
        let token = try #require(JSONWebToken(Self.signed(Self.claims, secret: "secret", algorithm: "HS384")))
        let forged = try #require(token.expired(signedWith: Array("secret".utf8), now: Self.now))
        let read = try #require(JSONWebToken(forged))
        #expect(read.expiry == Self.now.addingTimeInterval(-3600))
        #expect(read.issuedAt == Self.now.addingTimeInterval(-86_400))
        #expect(read.claims["sub"] == .string("alice"))
        #expect(Self.secret(of: read, among: ["secret"]) == "secret")
    }

    @Test("an RS256 token cannot be re-signed with a guessed HMAC key")
    func asymmetric() throws {
        let header = JSONWebToken.encode(json: .object(["alg": .string("RS256")]))
        let token = try #require(JSONWebToken("\(header).\(JSONWebToken.encode(json: .object(Self.claims))).c2ln"))
        #expect(token.expired(signedWith: Array("secret".utf8), now: Self.now) == nil)
        #expect(Self.secret(of: token, among: WeakSecrets.all) == nil)
    }

    @Test("base64url round-trips any bytes without padding or + and /")
    func base64url() {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF, 0x00, 0x3E]
        let text = JSONWebToken.encode(bytes)
        #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
        #expect(JSONWebToken.decode(Substring(text)) == bytes)
    }
}
