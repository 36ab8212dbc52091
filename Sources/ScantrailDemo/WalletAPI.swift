import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ScantrailCore
import Synchronization

/// A wallet API whose tokens are ES256 JWTs, verified with a key it publishes at
/// `/.well-known/jwks.json`, with two faces: `.flawed` has one token-verification flaw per
/// secured route, the kind a strong issuing key does not prevent; `.hardened` verifies ES256
/// with its key everywhere.
public enum WalletAPI {
    /// Which face the API shows.
    public enum Profile: Sendable {
        /// One flaw per secured route, as listed in ``router(_:)``.
        case flawed
        /// The same API done right.
        case hardened
    }

    /// The signing key, fixed so that tokens and findings are the same from run to run.
    static var signingKey: P256.Signing.PrivateKey {
        // A SHA-256 digest is a valid P-256 scalar but with negligible probability.
        try! P256.Signing.PrivateKey(rawRepresentation: SHA256.hash(data: Data("scantrail wallet demo key".utf8)))
    }
    /// `kid` of the signing key.
    static let keyID = "wallet-2026"
    /// The people behind the tokens.
    static let users = ["ana": "ana@example.test", "ben": "ben@example.test"]

    /// An ES256 token for `user` (ana or ben), valid for an hour, with an id of its own.
    public static func token(for user: String) -> String {
        let now = Int(Date().timeIntervalSince1970)
        let header = #"{"alg":"ES256","kid":"\#(keyID)","typ":"JWT"}"#
        let claims = #"{"exp":\#(now + 3600),"iat":\#(now),"jti":"\#(UUID().uuidString)","sub":"\#(user)"}"#
        let input = Array(header.utf8).base64URLString + "." + Array(claims.utf8).base64URLString
        let signature = try! signingKey.signature(for: Data(input.utf8))
        return input + "." + Array(signature.rawRepresentation).base64URLString
    }

    /// The routes. Both faces accept ana's and ben's ES256 tokens; the flawed face also takes
    /// an HS256 token
    /// - on `GET /wallet` signed with the published key's PEM text, as a verifier that lets the
    ///   token pick its algorithm does (`alg` confusion);
    /// - on `GET /statements` signed with `your-256-bit-secret`, a sample key left in one
    ///   service's configuration;
    /// - on `GET /cards` signed with the contents of the file its `kid` names (only
    ///   `/dev/null` is emulated: no file is read);
    ///
    /// and its `POST /logout` answers 204 but forgets nothing, where the hardened face revokes
    /// the token.
    public static func router(_ profile: Profile) -> Router<BasicRequestContext> {
        let router = Router()
        let flawed = profile == .flawed
        // The hardened face is hardened all round: its headers too.
        if !flawed { router.add(middleware: ResponseHeadersMiddleware(headers: DemoAPI.responseHeaders(.hardened))) }
        let revoked = Mutex<Set<Substring>>([])
        let pem = signingKey.publicKey.pemRepresentation + "\n"
        router.get("/openapi.json") { _, _ in json(document) }
        router.get("/health") { _, _ in json(#"{"status":"up"}"#) }
        router.get("/.well-known/jwks.json") { _, _ in json(jwks) }
        func secured(
            _ path: RouterPath, hmacKey: @escaping @Sendable (_ keyID: String?) -> [UInt8]?,
            _ body: @escaping @Sendable (String) -> String
        ) {
            router.get(path) { request, _ in
                guard let user = caller(request, hmacKey: flawed ? hmacKey : { _ in nil }, revoked: revoked) else {
                    return unauthorized
                }
                return json(body(user))
            }
        }
        router.post("/logout") { request, _ in
            guard caller(request, hmacKey: { _ in nil }, revoked: revoked) != nil else { return unauthorized }
            if !flawed, let token = request.headers[.authorization]?.dropFirst(7) {
                revoked.withLock { _ = $0.insert(Substring(token)) }
            }
            return Response(status: .noContent)
        }
        secured("/wallet", hmacKey: { _ in Array(pem.utf8) }) { user in
            #"{"owner":"\#(user)","email":"\#(users[user]!)","balance":"1204.50","currency":"EUR"}"#
        }
        secured("/statements", hmacKey: { _ in Array("your-256-bit-secret".utf8) }) { user in
            #"{"owner":"\#(user)","statements":[{"month":"2026-10","closing":"1180.00"}]}"#
        }
        secured("/cards", hmacKey: { keyID in keyID.map(keyFile) ?? nil }) { user in
            #"{"owner":"\#(user)","cards":[{"last4":"4242","holder":"\#(user.capitalized)"}]}"#
        }
        return router
    }

    /// The key set served at `/.well-known/jwks.json`.
    static var jwks: String {
        let point = Array(signingKey.publicKey.x963Representation.dropFirst())
        let x = Array(point.prefix(32)).base64URLString
        let y = Array(point.suffix(32)).base64URLString
        return
            #"{"keys":[{"kty":"EC","crv":"P-256","kid":"\#(keyID)","use":"sig","alg":"ES256","x":"\#(x)","y":"\#(y)"}]}"#
    }

    /// The contents of the key file `path` names, for a verifier that reads `kid` as a path:
    /// empty for `/dev/null` however it is reached, nothing for any other path.
    private static func keyFile(_ path: String) -> [UInt8]? {
        let resolved = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: "/srv/wallet/keys/"))
            .standardizedFileURL.path
        return resolved == "/dev/null" ? [] : nil
    }

    // MARK: Tokens

    /// The user a request's bearer token names, if it verifies: ES256 with the signing key,
    /// or HS256 with the key `hmacKey` gives for its `kid` (none: refused); never a `revoked` one.
    private static func caller(
        _ request: Request, hmacKey: (String?) -> [UInt8]?, revoked: borrowing Mutex<Set<Substring>>
    ) -> String? {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
            !revoked.withLock({ $0.contains(header.dropFirst(7)) })
        else { return nil }
        let parts = header.dropFirst(7).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = unbase64URL(parts[0]), let claimBytes = unbase64URL(parts[1]),
            let signature = unbase64URL(parts[2]),
            let fields = try? JSONSerialization.jsonObject(with: Data(headerBytes)) as? [String: Any],
            let claims = try? JSONSerialization.jsonObject(with: Data(claimBytes)) as? [String: Any],
            let user = claims["sub"] as? String, users[user] != nil,
            let expiry = claims["exp"] as? Double, expiry > Date().timeIntervalSince1970
        else { return nil }
        let input = Data("\(parts[0]).\(parts[1])".utf8)
        switch fields["alg"] as? String {
        case "ES256":
            guard let signature = try? P256.Signing.ECDSASignature(rawRepresentation: signature),
                signingKey.publicKey.isValidSignature(signature, for: input)
            else { return nil }
        case "HS256":
            guard let key = hmacKey(fields["kid"] as? String),
                HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: input, using: SymmetricKey(data: key))
            else { return nil }
        default: return nil
        }
        return user
    }

    private static func unbase64URL(_ text: Substring) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }

    // MARK: Bodies

    private static let unauthorized = Response(
        status: .unauthorized, headers: [.contentType: "application/json", .wwwAuthenticate: "Bearer"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"error":"authentication required"}"#)))

    private static func json(_ body: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
