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
    /// The token as received.
    let text: String
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
        self.text = token
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
        guard Self.macLength(algorithm) != nil else { return nil }
        return forged(
            algorithm: algorithm,
            claims: [
                "exp": .number((now.timeIntervalSince1970 - 3600).rounded()),
                "iat": .number((now.timeIntervalSince1970 - 86_400).rounded()),
            ], key: secret)
    }

    /// The claims, with `claims` changed, under the header with `alg` set to the HMAC
    /// `algorithm` and `header` changed (a `nil` value removes the field), signed with `key`.
    func forged(
        algorithm: String = "HS256", header changes: [String: JSONValue?] = [:],
        claims claimChanges: [String: JSONValue] = [:], key: [UInt8]
    ) -> String {
        var header = header
        header["alg"] = .string(algorithm)
        for (name, value) in changes { header[name] = value }
        let claims = claims.merging(claimChanges) { $1 }
        let signingInput = "\(Self.encode(json: .object(header))).\(Self.encode(json: .object(claims)))"
        return "\(signingInput).\(Self.encode(Self.mac(algorithm, Data(signingInput.utf8), key) ?? []))"
    }

    /// What an HMAC key search needs of the token: the digest's size in bits, the signed bytes
    /// and the signature; `nil` when it is not HMAC-signed (HS256, HS384, HS512).
    var hmacSignature: (bits: Int, input: [UInt8], mac: [UInt8])? {
        guard let length = Self.macLength(algorithm), let signature = Self.decode(segments[2]),
            signature.count == length
        else { return nil }
        return (length * 8, Array("\(segments[0]).\(segments[1])".utf8), signature)
    }

    /// Bytes of the `algorithm`'s HMAC; `nil` for any other algorithm.
    private static func macLength(_ algorithm: String) -> Int? {
        ["HS256": 32, "HS384": 48, "HS512": 64][algorithm]
    }

    private static func mac(_ algorithm: String, _ input: Data, _ secret: [UInt8]) -> [UInt8]? {
        let key = SymmetricKey(data: secret)
        switch algorithm {
        case "HS256": return Array(HMAC<SHA256>.authenticationCode(for: input, using: key))
        case "HS384": return Array(HMAC<SHA384>.authenticationCode(for: input, using: key))
        case "HS512": return Array(HMAC<SHA512>.authenticationCode(for: input, using: key))
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
