import Foundation
import ScantrailChecks
import ScantrailCore

extension Identity {
    /// An identity from `--identity NAME[:ROLE]=KIND:VALUE`, KIND being `bearer` (a token),
    /// `basic` (`user:password`), `header` (`Name: value`), `query` or `cookie` (`name=value`).
    ///
    /// - Throws: ``InputError`` saying what is malformed (never echoing the secret).
    static func input(_ text: String) throws -> Identity {
        guard let equals = text.firstIndex(of: "=") else {
            throw InputError(description: "--identity needs NAME[:ROLE]=KIND:VALUE")
        }
        let who = text[..<equals].split(separator: ":", maxSplits: 1).map(String.init)
        let what = text[text.index(after: equals)...]
        guard let name = who.first, !name.isEmpty, let colon = what.firstIndex(of: ":") else {
            throw InputError(description: "--identity needs NAME[:ROLE]=KIND:VALUE")
        }
        let credential = try credential(
            kind: String(what[..<colon]), String(what[what.index(after: colon)...]), identity: name)
        return Identity(name: name, role: who.count > 1 ? who[1] : "user", credential: credential)
    }

    /// The credential of `kind` carrying `value`.
    static func credential(kind: String, _ value: String, identity: String) throws -> Credential {
        func pair(_ separator: Character) throws -> (String, String) {
            guard let index = value.firstIndex(of: separator), index != value.startIndex else {
                throw InputError(
                    description: "identity \(identity): a \(kind) credential is written name\(separator)value")
            }
            return (
                String(value[..<index]).trimmingCharacters(in: .whitespaces),
                String(value[value.index(after: index)...]).trimmingCharacters(in: .whitespaces)
            )
        }
        switch kind {
        case "bearer": return .header(name: "Authorization", value: "Bearer \(value)")
        case "basic": return .header(name: "Authorization", value: "Basic \(Data(value.utf8).base64EncodedString())")
        case "header":
            let (name, secret) = try pair(":")
            return .header(name: name, value: secret)
        case "query":
            let (name, secret) = try pair("=")
            return .query(name: name, value: secret)
        case "cookie":
            let (name, secret) = try pair("=")
            return .cookie(name: name, value: secret)
        default:
            throw InputError(
                description:
                    "identity \(identity): unknown credential kind '\(kind)' (bearer, basic, header, query, cookie)")
        }
    }
}

/// An identity as written in the configuration file:
///
/// ```yaml
/// identities:
///   - name: alice
///     role: user
///     bearer: ${ALICE_TOKEN}         # ${VAR} reads the environment
///   - name: ops
///     role: admin
///     basic: "ops:${OPS_PASSWORD}"
///   - name: partner
///     header: "X-API-Key: ${PARTNER_KEY}"   # or query: "api_key=…", cookie: "session=…"
///   - name: ci
///     role: service
///     oauth2:                               # client credentials, token fetched (and renewed) for real
///       tokenURL: /oauth/token              # relative to the scan target, or absolute
///       clientID: scantrail-ci
///       clientSecret: ${CI_SECRET}
///       scope: read                         # optional
///   - name: carol
///     login:                                # a login request whose answer carries the token
///       url: /login
///       body: '{"username":"carol","password":"${CAROL_PASSWORD}"}'
///       token: json:token                   # or header:X-Auth-Token, cookie:session
///       use: bearer                         # or header:X-Auth-Token, cookie:session (default bearer)
/// ```
struct IdentityEntry: Decodable {
    var name: String
    var role: String?
    var bearer: String?
    var basic: String?
    var header: String?
    var query: String?
    var cookie: String?
    var oauth2: OAuth2?
    var login: Login?

    /// OAuth2 client credentials.
    struct OAuth2: Decodable {
        var tokenURL: String
        var clientID: String
        var clientSecret: String
        var scope: String?
    }

    /// A login recipe.
    struct Login: Decodable {
        var url: String
        var method: String?
        var body: String?
        var contentType: String?
        var token: String
        var use: String?
    }

    /// The identity, with `${VAR}` references read from `environment`; OAuth2 and login
    /// credentials are obtained from the API now (relative URLs on `target`).
    func identity(environment: [String: String], target: ScanTarget, configuration: ScanConfiguration) async throws
        -> Identity
    {
        let given = [("bearer", bearer), ("basic", basic), ("header", header), ("query", query), ("cookie", cookie)]
            .compactMap { kind, value in value.map { (kind, $0) } }
        guard given.count + (oauth2 == nil ? 0 : 1) + (login == nil ? 0 : 1) == 1 else {
            throw InputError(
                description:
                    "identity \(name): give exactly one of bearer, basic, header, query, cookie, oauth2 or login")
        }
        func expand(_ text: String) throws -> String { try Self.expand(text, environment: environment, identity: name) }
        func absolute(_ url: String) -> String { url.hasPrefix("/") ? target.url(path: url) : url }
        let acquisition: TokenAcquisition
        if let oauth2 {
            acquisition = .clientCredentials(
                tokenURL: absolute(try expand(oauth2.tokenURL)), clientID: try expand(oauth2.clientID),
                clientSecret: try expand(oauth2.clientSecret), scope: try oauth2.scope.map(expand))
        } else if let login {
            acquisition = .login(
                method: login.method ?? "POST", url: absolute(try expand(login.url)), body: try login.body.map(expand),
                contentType: login.contentType ?? "application/json",
                token: try Self.source(login.token, identity: name),
                use: try Self.use(login.use ?? "bearer", identity: name))
        } else {
            let (kind, raw) = given[0]
            return Identity(
                name: name, role: role ?? "user",
                credential: try Identity.credential(kind: kind, try expand(raw), identity: name))
        }
        do {
            return try await acquisition.identity(name: name, role: role ?? "user", configuration: configuration)
        } catch let error as TokenAcquisition.Failure {
            throw InputError(description: "identity \(name): \(error)")
        }
    }

    private static func source(_ text: String, identity: String) throws -> TokenAcquisition.TokenSource {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("json", 2): return .json(parts[1])
        case ("header", 2): return .header(parts[1])
        case ("cookie", 2): return .cookie(parts[1])
        default:
            throw InputError(description: "identity \(identity): login token is json:PATH, header:NAME or cookie:NAME")
        }
    }

    private static func use(_ text: String, identity: String) throws -> TokenAcquisition.TokenUse {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("bearer", 1): return .bearer
        case ("header", 2): return .header(parts[1])
        case ("cookie", 2): return .cookie(parts[1])
        default: throw InputError(description: "identity \(identity): login use is bearer, header:NAME or cookie:NAME")
        }
    }

    /// `text` with each `${VAR}` replaced by the variable's value.
    static func expand(_ text: String, environment: [String: String], identity: String) throws -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${"), let end = rest[start.upperBound...].firstIndex(of: "}") {
            let variable = String(rest[start.upperBound..<end])
            guard let value = environment[variable] else {
                throw InputError(description: "identity \(identity): environment variable \(variable) is not set")
            }
            result += rest[..<start.lowerBound] + value
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
