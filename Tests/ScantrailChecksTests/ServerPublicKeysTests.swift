import Crypto
import Foundation
import ScantrailCore
import Testing
import _CryptoExtras

@testable import ScantrailChecks

@Suite("A server's published keys are read from its JWKS as the PEM a confused verifier would use")
struct ServerPublicKeysTests {
    static func jwk(_ fields: [String: String]) -> String {
        "{" + fields.sorted { $0.key < $1.key }.map { #""\#($0.key)":"\#($0.value)""# }.joined(separator: ",") + "}"
    }

    static func jwks(_ keys: [String]) -> Data { Data(#"{"keys":[\#(keys.joined(separator: ","))]}"#.utf8) }

    @Test("an EC P-256 key becomes its SubjectPublicKeyInfo PEM, kid kept")
    func ecKey() throws {
        let key = P256.Signing.PrivateKey().publicKey
        let point = Array(key.x963Representation.dropFirst())
        let document = Self.jwks([
            Self.jwk([
                "kty": "EC", "crv": "P-256", "kid": "k1", "x": Array(point.prefix(32)).base64URLString,
                "y": Array(point.suffix(32)).base64URLString,
            ])
        ])
        #expect(ServerPublicKeys.keys(inJWKS: document) == [.init(keyID: "k1", type: "EC", pem: key.pemRepresentation)])
    }

    @Test("an RSA key becomes its SubjectPublicKeyInfo PEM")
    func rsaKey() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048).publicKey
        let primitives = try key.getKeyPrimitives()
        let document = Self.jwks([
            Self.jwk([
                "kty": "RSA", "n": Array(primitives.modulus).base64URLString,
                "e": Array(primitives.publicExponent).base64URLString,
            ])
        ])
        let read = ServerPublicKeys.keys(inJWKS: document)
        #expect(read == [.init(keyID: nil, type: "RSA", pem: key.pemRepresentation)])
        #expect(read.first?.pem.hasPrefix("-----BEGIN PUBLIC KEY-----") == true)
    }

    @Test("symmetric, unknown-curve and broken keys are left out; what is not a JWKS has none")
    func leftOut() {
        let document = Self.jwks([
            Self.jwk(["kty": "oct", "k": "c2VjcmV0"]), Self.jwk(["kty": "EC", "crv": "P-999", "x": "AA", "y": "AA"]),
            Self.jwk(["kty": "RSA", "n": "AQAB", "e": "AQAB"]), Self.jwk(["kty": "EC", "crv": "P-256", "x": "!!"]),
        ])
        #expect(ServerPublicKeys.keys(inJWKS: document).isEmpty)
        #expect(ServerPublicKeys.keys(inJWKS: Data("<html>keys</html>".utf8)).isEmpty)
    }

    @Test("a token's key is the one its kid names, else the first of its algorithm's type; HMAC tokens have none")
    func keyForToken() throws {
        let keys = ServerPublicKeys(
            keys: [
                .init(keyID: "r1", type: "RSA", pem: "R1"), .init(keyID: "e1", type: "EC", pem: "E1"),
                .init(keyID: "e2", type: "EC", pem: "E2"),
            ], source: "http://127.0.0.1/jwks.json")
        func token(_ header: String) throws -> JSONWebToken {
            try #require(JSONWebToken(Array(header.utf8).base64URLString + ".e30.c2ln"))
        }
        #expect(keys.key(for: try token(#"{"alg":"ES256","kid":"e2"}"#))?.pem == "E2")
        #expect(keys.key(for: try token(#"{"alg":"ES256"}"#))?.pem == "E1")
        #expect(keys.key(for: try token(#"{"alg":"PS256","kid":"gone"}"#))?.pem == "R1")
        #expect(keys.key(for: try token(#"{"alg":"HS256"}"#)) == nil)
    }
}
