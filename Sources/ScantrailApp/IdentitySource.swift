import Foundation
import ScantrailChecks
import ScantrailCore

/// An identity as a request names it: one whose credential is given, or one that obtains its
/// credential from the API when the scan starts (OAuth2 client credentials, a login).
public enum IdentitySource: Sendable {
    /// An identity with its credential.
    case given(Identity)
    /// An identity whose credential is obtained by `acquisition`; relative URLs in it are
    /// resolved against the scan's target.
    case obtained(name: String, role: String, acquisition: TokenAcquisition)

    /// The identity's name.
    public var name: String {
        switch self {
        case .given(let identity): identity.name
        case .obtained(let name, _, _): name
        }
    }

    /// Parses `NAME[:ROLE]=KIND:VALUE`, `KIND` being one of ``CredentialKind`` (the role is
    /// `user` when left out).
    ///
    /// - Throws: ``AppError`` saying what is malformed, never echoing the secret.
    public init(parsing text: String) throws {
        let form = AppError.invalid(.identity, "needs NAME[:ROLE]=KIND:VALUE")
        guard let equals = text.firstIndex(of: "=") else { throw form }
        let who = text[..<equals].split(separator: ":", maxSplits: 1).map(String.init)
        let what = text[text.index(after: equals)...]
        guard let name = who.first, !name.isEmpty, let colon = what.firstIndex(of: ":") else { throw form }
        let kind = try CredentialKind.named(String(what[..<colon]), identity: name)
        let credential = try kind.credential(String(what[what.index(after: colon)...]), identity: name)
        self = .given(Identity(name: name, role: who.count > 1 ? who[1] : "user", credential: credential))
    }

    /// The secrets it obtains its credential with (a client secret, the password-like values
    /// of a login body), which evidence must never show.
    var acquisitionSecrets: [String] {
        guard case .obtained(_, _, let acquisition) = self else { return [] }
        switch acquisition {
        case .clientCredentials(_, _, let clientSecret, _):
            return [clientSecret]
        case .login(_, _, let body, _, _, _):
            guard let data = body?.data(using: .utf8),
                let fields = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return body.map { [$0] } ?? [] }
            return fields.compactMap { key, value in
                Redaction.isSensitive(name: key) || key.lowercased().contains("pass") ? value as? String : nil
            }
        }
    }

    /// The host the identity obtains its credential from, when it is not `target`'s.
    func tokenHost(on target: ScanTarget) -> String? {
        guard case .obtained(_, _, let acquisition) = self else { return nil }
        return URLHost.of(acquisition.resolvingURLs(against: target).url)
    }

    /// The identity ready to use on `target`: given ones as they are, the others with a
    /// credential obtained now (and renewed when it expires).
    ///
    /// - Throws: ``AppError`` when the API does not hand out a credential.
    func identity(on target: ScanTarget, configuration: ScanConfiguration) async throws -> Identity {
        switch self {
        case .given(let identity):
            return identity
        case .obtained(let name, let role, let acquisition):
            do {
                return try await acquisition.resolvingURLs(against: target)
                    .identity(name: name, role: role, configuration: configuration)
            } catch let error as TokenAcquisition.Failure {
                throw AppError.invalid("identity \(name): \(error)")
            }
        }
    }
}

extension TokenAcquisition {
    /// The endpoint the credential comes from.
    var url: String {
        switch self {
        case .clientCredentials(let tokenURL, _, _, _): tokenURL
        case .login(_, let url, _, _, _, _): url
        }
    }

    /// The same acquisition with URLs that start with `/` made absolute on `target`.
    func resolvingURLs(against target: ScanTarget) -> TokenAcquisition {
        func absolute(_ url: String) -> String { url.hasPrefix("/") ? target.url(path: url) : url }
        switch self {
        case .clientCredentials(let tokenURL, let clientID, let clientSecret, let scope):
            return .clientCredentials(
                tokenURL: absolute(tokenURL), clientID: clientID, clientSecret: clientSecret, scope: scope)
        case .login(let method, let url, let body, let contentType, let token, let use):
            return .login(
                method: method, url: absolute(url), body: body, contentType: contentType, token: token, use: use)
        }
    }
}
