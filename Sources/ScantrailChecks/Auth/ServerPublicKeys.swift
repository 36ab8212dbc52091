import Crypto
import Foundation
import ScantrailCore
import _CryptoExtras

/// The public keys a server publishes for verifying its tokens — a JWKS at the usual
/// addresses, or the one its OpenID configuration names on the same origin — as the PEM text
/// a verifier confused into HMAC would use as its secret.
struct ServerPublicKeys: Sendable {
    /// One published key.
    struct Key: Sendable, Equatable {
        /// `kid`, if given.
        let keyID: String?
        /// `RSA` or `EC`.
        let type: String
        /// The SubjectPublicKeyInfo PEM, without a final newline.
        let pem: String
    }

    /// The keys, in the order published.
    let keys: [Key]
    /// The URL they were read from; `nil` when none was found.
    let source: String?

    /// Where servers publish their keys, tried in order; the OpenID configuration is followed
    /// to its `jwks_uri` when that is on the target's origin.
    static let paths = ["/.well-known/openid-configuration", "/.well-known/jwks.json", "/jwks.json"]

    /// The first keys found at ``paths`` on `target` (one request each at most, plus the
    /// configuration's `jwks_uri`).
    static func discover(on target: ScanTarget, context: ScanContext) async throws -> ServerPublicKeys {
        for path in paths {
            var url = target.url(path: path)
            var body = try await context.http.send(ProbeRequest(url: url)).response?.body
            if path.hasSuffix("openid-configuration") {
                guard let configuration = body, case .string(let next)? = json(configuration)?["jwks_uri"],
                    next.hasPrefix(target.origin + "/") || next.hasPrefix(target.url(path: "/"))
                else { continue }
                url = next
                body = try await context.http.send(ProbeRequest(url: url)).response?.body
            }
            let keys = body.map(Self.keys(inJWKS:)) ?? []
            if !keys.isEmpty { return ServerPublicKeys(keys: keys, source: Redaction.url(url)) }
        }
        return ServerPublicKeys(keys: [], source: nil)
    }

    /// The RSA and EC keys of a JWKS document; others, and malformed ones, are left out.
    static func keys(inJWKS data: Data) -> [Key] {
        (json(data)?["keys"]?.array ?? []).compactMap { jwk in
            let bytes = { (name: String) in jwk[name]?.text.flatMap { JSONWebToken.decode(Substring($0)) } }
            let keyID = jwk["kid"]?.text
            switch jwk["kty"]?.text {
            case "RSA":
                guard let n = bytes("n"), let e = bytes("e"), let key = try? _RSA.Signing.PublicKey(n: n, e: e)
                else { return nil }
                return Key(keyID: keyID, type: "RSA", pem: key.pemRepresentation)
            case "EC":
                guard let x = bytes("x"), let y = bytes("y"), let pem = ecPEM(jwk["crv"]?.text, [0x04] + x + y)
                else { return nil }
                return Key(keyID: keyID, type: "EC", pem: pem)
            default: return nil
            }
        }
    }

    /// The key `token` names by `kid`, else the first of the type its algorithm uses; `nil`
    /// for an HMAC token or when none fits.
    func key(for token: JSONWebToken) -> Key? {
        let type =
            token.algorithm.hasPrefix("ES") ? "EC" : ["RS", "PS"].contains(token.algorithm.prefix(2)) ? "RSA" : nil
        guard let type else { return nil }
        let kid = token.header["kid"]?.text
        return keys.first { $0.keyID != nil && $0.keyID == kid } ?? keys.first { $0.type == type }
    }

    private static func ecPEM(_ curve: String?, _ point: [UInt8]) -> String? {
        switch curve {
        case "P-256": (try? P256.Signing.PublicKey(x963Representation: point))?.pemRepresentation
        case "P-384": (try? P384.Signing.PublicKey(x963Representation: point))?.pemRepresentation
        case "P-521": (try? P521.Signing.PublicKey(x963Representation: point))?.pemRepresentation
        default: nil
        }
    }

    private static func json(_ data: Data) -> JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: data) }
}
