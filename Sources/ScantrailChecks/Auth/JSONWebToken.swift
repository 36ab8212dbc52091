import Crypto
import Foundation
import ScantrailCore

/// A compact-serialised JSON Web Token (RFC 7519), read without verifying it, and the forged
/// variants the authentication tests send.
struct JSONWebToken: Sendable {
    /// The decoded header.
    let header: [String: JSONValue]
    /// The decoded claims.
    let claims: [String: JSONValue]
    /// The raw segments: header, payload, signature.
    private let segments: [Substring]

    /// Reads `token`; `nil` when it is not three base64url segments with JSON header and claims.
    init?(_ token: String) {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3,
            case .object(let header)? = Self.json(segments[0]),
            case .object(let claims)? = Self.json(segments[1])
        else { return nil }
        self.header = header
        self.claims = claims
        self.segments = segments
    }

    /// `alg` of the header (`HS256`, `RS256`, `none`).
    var algorithm: String { header["alg"]?.text ?? "" }

    /// `exp`, as a date.
    var expiry: Date? { claims["exp"]?.text.flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) }

    /// `iat`, as a date.
    var issuedAt: Date? { claims["iat"]?.text.flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) }

    /// The same header and claims with every signature byte flipped.
    var withTamperedSignature: String {
        let signature = Self.decode(segments[2]) ?? []
        let flipped = signature.isEmpty ? [UInt8](repeating: 0x42, count: 32) : signature.map { $0 ^ 0xFF }
        return "\(segments[0]).\(segments[1]).\(Self.encode(flipped))"
    }

    /// The claims under `{"alg":"none"}` with an empty signature.
    var withAlgorithmNone: String {
        var header = header
        header["alg"] = .string("none")
        return "\(Self.encode(json: .object(header))).\(segments[1])."
    }

    /// The claims with `exp` an hour ago (and `iat` a day ago), signed with `secret` under
    /// the token's own HMAC algorithm; `nil` when the token is not HMAC-signed.
    func expired(signedWith secret: [UInt8], now: Date) -> String? {
        var claims = claims
        claims["exp"] = .number((now.timeIntervalSince1970 - 3600).rounded())
        claims["iat"] = .number((now.timeIntervalSince1970 - 86_400).rounded())
        let signingInput = "\(segments[0]).\(Self.encode(json: .object(claims)))"
        guard let signature = Self.hmac(algorithm, signingInput, secret) else { return nil }
        return "\(signingInput).\(Self.encode(signature))"
    }

    /// The first of `candidates` that produces the token's HMAC signature; `nil` when none
    /// does or the token is not HMAC-signed.
    func secret(among candidates: [String]) -> String? {
        guard let signature = Self.decode(segments[2]) else { return nil }
        let signingInput = "\(segments[0]).\(segments[1])"
        return candidates.first { Self.hmac(algorithm, signingInput, Array($0.utf8)) == signature }
    }

    private static func hmac(_ algorithm: String, _ input: String, _ secret: [UInt8]) -> [UInt8]? {
        let key = SymmetricKey(data: secret)
        let data = Data(input.utf8)
        switch algorithm {
        case "HS256": return Array(HMAC<SHA256>.authenticationCode(for: data, using: key))
        case "HS384": return Array(HMAC<SHA384>.authenticationCode(for: data, using: key))
        case "HS512": return Array(HMAC<SHA512>.authenticationCode(for: data, using: key))
        default: return nil
        }
    }

    // MARK: base64url

    static func decode(_ segment: Substring) -> [UInt8]? {
        var text = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        return Data(base64Encoded: text).map(Array.init)
    }

    static func encode(_ bytes: [UInt8]) -> String { bytes.base64URLString }

    static func encode(json: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encode(Array((try? encoder.encode(json)) ?? Data()))
    }

    private static func json(_ segment: Substring) -> JSONValue? {
        decode(segment).flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0)) }
    }
}
