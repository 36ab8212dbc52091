import ScantrailChecks
import ScantrailCore

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
public struct IdentityEntry: Decodable, Sendable {
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

    /// The identity, with `${VAR}` references read from `environment`.
    ///
    /// - Throws: ``AppError`` for a malformed entry or an unset variable.
    func source(environment: [String: String]) throws -> IdentitySource {
        let given = [
            (CredentialKind.bearer, bearer), (.basic, basic), (.header, header), (.query, query), (.cookie, cookie),
        ].compactMap { kind, value in value.map { (kind, $0) } }
        guard given.count + (oauth2 == nil ? 0 : 1) + (login == nil ? 0 : 1) == 1 else {
            throw AppError.invalid(
                "identity \(name): give exactly one of bearer, basic, header, query, cookie, oauth2 or login")
        }
        func expand(_ text: String) throws -> String {
            try EnvironmentReference.expand(text, environment: environment, owner: "identity \(name)")
        }
        let role = role ?? "user"
        if let oauth2 {
            let acquisition = TokenAcquisition.clientCredentials(
                tokenURL: try expand(oauth2.tokenURL), clientID: try expand(oauth2.clientID),
                clientSecret: try expand(oauth2.clientSecret), scope: try oauth2.scope.map(expand))
            return .obtained(name: name, role: role, acquisition: acquisition)
        }
        if let login {
            let acquisition = TokenAcquisition.login(
                method: login.method ?? "POST", url: try expand(login.url), body: try login.body.map(expand),
                contentType: login.contentType ?? "application/json",
                token: try Self.source(login.token, identity: name),
                use: try Self.use(login.use ?? "bearer", identity: name))
            return .obtained(name: name, role: role, acquisition: acquisition)
        }
        let (kind, raw) = given[0]
        return .given(
            Identity(name: name, role: role, credential: try kind.credential(try expand(raw), identity: name)))
    }

    private static func source(_ text: String, identity: String) throws -> TokenAcquisition.TokenSource {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("json", 2): return .json(parts[1])
        case ("header", 2): return .header(parts[1])
        case ("cookie", 2): return .cookie(parts[1])
        default:
            throw AppError.invalid("identity \(identity): login token is json:PATH, header:NAME or cookie:NAME")
        }
    }

    private static func use(_ text: String, identity: String) throws -> TokenAcquisition.TokenUse {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("bearer", 1): return .bearer
        case ("header", 2): return .header(parts[1])
        case ("cookie", 2): return .cookie(parts[1])
        default: throw AppError.invalid("identity \(identity): login use is bearer, header:NAME or cookie:NAME")
        }
    }
}
