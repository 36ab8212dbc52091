import Foundation

/// A named user of the API under test, with a role label and the credential its requests
/// carry. Credentials never reach a report: an identity is written as its name, role and the
/// kind of credential only.
public struct Identity: Hashable, Sendable, Codable {
    /// Where an identity's credential goes on a request.
    public enum Credential: Hashable, Sendable {
        /// A header (`Authorization: Bearer …`, `X-API-Key: …`).
        case header(name: String, value: String)
        /// A query parameter (`?api_key=…`).
        case query(name: String, value: String)
        /// A cookie (`session=…`).
        case cookie(name: String, value: String)

        /// `header Authorization`, `query api_key`, `cookie session`.
        public var summary: String {
            switch self {
            case .header(let name, _): "header \(name)"
            case .query(let name, _): "query \(name)"
            case .cookie(let name, _): "cookie \(name)"
            }
        }

        /// The secret itself, without its scheme word (`Bearer `).
        public var token: String {
            switch self {
            case .header(let name, let value) where name.lowercased() == "authorization":
                let parts = value.split(separator: " ", maxSplits: 1)
                return parts.count == 2 ? String(parts[1]) : value
            case .header(_, let value), .query(_, let value), .cookie(_, let value): return value
            }
        }

        /// What evidence must never show of it: the token, and for HTTP Basic the decoded
        /// `user:password` and the password alone.
        public var secrets: [String] {
            guard case .header(let name, let value) = self, name.lowercased() == "authorization",
                value.lowercased().hasPrefix("basic "), let decoded = Data(base64Encoded: token),
                let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":")
            else { return [token] }
            return [token, pair, String(pair[pair.index(after: colon)...])]
        }

        /// The same credential carrying `token` instead (a forged or garbage one).
        public func replacingToken(with token: String) -> Credential {
            switch self {
            case .header(let name, let value) where name.lowercased() == "authorization":
                let parts = value.split(separator: " ", maxSplits: 1)
                return .header(name: name, value: parts.count == 2 ? "\(parts[0]) \(token)" : token)
            case .header(let name, _): return .header(name: name, value: token)
            case .query(let name, _): return .query(name: name, value: token)
            case .cookie(let name, _): return .cookie(name: name, value: token)
            }
        }
    }

    /// A short name (`alice`).
    public let name: String
    /// The role label (`user`, `admin`): identities with the same role test object-level
    /// access against each other; a lower one tests admin functions.
    public let role: String
    /// What its requests carry (for a renewed credential: the first one obtained).
    public let credential: Credential
    /// How the credential is obtained again when it expires, if it does.
    public let renewal: CredentialRenewal?
    /// The account name it signs in with (an email, a user name), when known: account
    /// enumeration compares it with one that does not exist. Never written to evidence.
    public let account: String?

    /// Creates an identity; `renewal` refreshes an expiring credential; `account` is the name
    /// it signs in with.
    public init(
        name: String, role: String, credential: Credential, renewal: CredentialRenewal? = nil, account: String? = nil
    ) {
        self.name = name
        self.role = role
        self.credential = credential
        self.renewal = renewal
        self.account = account
    }

    /// The credential to send now: renewed first if it has expired or is about to.
    public func currentCredential() async throws -> Credential {
        try await renewal?.current() ?? credential
    }

    /// Whether the role label says administrator.
    public var isAdministrator: Bool { role.lowercased().contains("admin") }

    /// `request` carrying this identity's credential.
    public func apply(to request: ProbeRequest) -> ProbeRequest {
        Self.apply(credential, to: request)
    }

    /// `request` carrying `credential`; the user's configured headers are left out, so only
    /// this credential speaks for the request.
    public static func apply(_ credential: Credential?, to request: ProbeRequest) -> ProbeRequest {
        var request = request
        request.omitsConfiguredHeaders = true
        switch credential {
        case .header(let name, let value)?:
            request.headers.append(HeaderField(name: name, value: value))
        case .query(let name, let value)?:
            let separator = request.url.contains("?") ? "&" : "?"
            let encoded = value.addingPercentEncoding(
                withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "+"]))
            request.url += "\(separator)\(name)=\(encoded ?? value)"
        case .cookie(let name, let value)?:
            request.headers.append(HeaderField(name: "Cookie", value: "\(name)=\(value)"))
        case nil:
            break
        }
        return request
    }

    private enum CodingKeys: String, CodingKey {
        case name, role, credential
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        role = try container.decode(String.self, forKey: .role)
        // Only the kind was stored; the secret is gone for good.
        credential = .header(name: try container.decode(String.self, forKey: .credential), value: Redaction.marker)
        renewal = nil
        account = nil
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encode(credential.summary, forKey: .credential)
    }
}
