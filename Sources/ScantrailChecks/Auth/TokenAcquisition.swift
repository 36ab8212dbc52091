import Foundation
import ScantrailCore
import ScantrailHTTP

/// How an identity obtains its credential from the API itself, for real, through the scan's
/// HTTP client and limits: OAuth2 client credentials, or a login request.
public enum TokenAcquisition: Sendable {
    /// Where the token is in a login response.
    public enum TokenSource: Sendable, Equatable {
        /// A JSON member, by dot path (`access_token`, `data.token`).
        case json(String)
        /// A response header.
        case header(String)
        /// A cookie the response sets.
        case cookie(String)
    }

    /// How the token is sent afterwards.
    public enum TokenUse: Sendable, Equatable {
        /// `Authorization: Bearer <token>`.
        case bearer
        /// A header of this name.
        case header(String)
        /// A cookie of this name.
        case cookie(String)
    }

    /// OAuth2 client credentials (RFC 6749 §4.4), the client authenticating with HTTP Basic.
    case clientCredentials(tokenURL: String, clientID: String, clientSecret: String, scope: String?)
    /// A login request whose response carries the token.
    case login(method: String, url: String, body: String?, contentType: String, token: TokenSource, use: TokenUse)

    /// Why no credential came back.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong (never the secret).
        public let description: String
    }

    /// An identity whose credential is obtained now and renewed when it expires.
    ///
    /// - Throws: ``Failure`` when the endpoint does not hand out a credential.
    public func identity(name: String, role: String, configuration: ScanConfiguration) async throws -> Identity {
        let fetch: CredentialRenewal.Fetch = { try await self.fetch(configuration: configuration) }
        let (credential, expiresAt) = try await fetch()
        return Identity(
            name: name, role: role, credential: credential,
            renewal: CredentialRenewal(credential: credential, expiresAt: expiresAt, fetch: fetch), account: account)
    }

    /// The account name a login recipe signs in with: its body's `email`, `username`, `user`
    /// or `login` field (JSON or form); `nil` for client credentials.
    var account: String? {
        guard case .login(_, _, let body?, _, _, _) = self else { return nil }
        let fields: [String: String]
        if let data = body.data(using: .utf8),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
            fields = json.compactMapValues { $0 as? String }
        } else {
            fields = Dictionary(
                body.split(separator: "&").compactMap { pair -> (String, String)? in
                    let parts = pair.split(separator: "=", maxSplits: 1).map {
                        String($0).removingPercentEncoding ?? ""
                    }
                    return parts.count == 2 ? (parts[0], parts[1]) : nil
                }, uniquingKeysWith: { first, _ in first })
        }
        return ["email", "username", "user", "login"].lazy.compactMap { name in
            fields.first { $0.key.lowercased() == name }?.value
        }.first
    }

    /// Asks the endpoint once.
    func fetch(configuration: ScanConfiguration) async throws -> (Identity.Credential, expiresAt: Date?) {
        var request: ProbeRequest
        switch self {
        case .clientCredentials(let tokenURL, let clientID, let clientSecret, let scope):
            var form = "grant_type=client_credentials"
            if let scope {
                form += "&scope=" + (scope.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? scope)
            }
            let basic = Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
            request = ProbeRequest(
                method: "POST", url: tokenURL,
                headers: [
                    HeaderField(name: "Authorization", value: "Basic \(basic)"),
                    HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded"),
                ], body: Data(form.utf8))
        case .login(let method, let url, let body, let contentType, _, _):
            request = ProbeRequest(
                method: method, url: url,
                headers: body == nil ? [] : [HeaderField(name: "Content-Type", value: contentType)],
                body: body.map { Data($0.utf8) })
        }
        request.omitsConfiguredHeaders = true
        let exchange = try await HTTPClientProbe.withProbe(configuration: configuration) { try await $0.send(request) }
        guard let response = exchange.response else {
            throw Failure(description: "\(request.url): \(exchange.failure.map { "\($0)" } ?? "no response")")
        }
        guard (200..<300).contains(response.status) else {
            throw Failure(description: "\(request.url) answered \(response.status) instead of a credential")
        }
        let json = try? JSONDecoder().decode(JSONValue.self, from: response.body)
        let expiresAt = json?["expires_in"]?.text.flatMap(Double.init).map { Date().addingTimeInterval($0) }
        switch self {
        case .clientCredentials:
            guard let token = json?["access_token"]?.text else {
                throw Failure(description: "\(request.url) answered without an access_token")
            }
            return (.header(name: "Authorization", value: "Bearer \(token)"), expiresAt)
        case .login(_, _, _, _, let source, let use):
            guard let token = Self.token(source, in: response, json: json) else {
                throw Failure(description: "\(request.url) answered without the token where the recipe says")
            }
            switch use {
            case .bearer: return (.header(name: "Authorization", value: "Bearer \(token)"), expiresAt)
            case .header(let name): return (.header(name: name, value: token), expiresAt)
            case .cookie(let name): return (.cookie(name: name, value: token), expiresAt)
            }
        }
    }

    private static func token(_ source: TokenSource, in response: HTTPExchange.Response, json: JSONValue?) -> String? {
        switch source {
        case .json(let path):
            return path.split(separator: ".").reduce(json) { value, key in value?[String(key)] }?.text
        case .header(let name):
            return response.headers.first(name)
        case .cookie(let name):
            return response.headers.all("Set-Cookie").lazy.compactMap { cookie -> String? in
                let pair = cookie.prefix { $0 != ";" }.split(separator: "=", maxSplits: 1)
                return pair.count == 2 && pair[0].trimmingCharacters(in: .whitespaces) == name ? String(pair[1]) : nil
            }.first
        }
    }
}
