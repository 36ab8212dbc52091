import Foundation
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
/// ```
struct IdentityEntry: Decodable {
    var name: String
    var role: String?
    var bearer: String?
    var basic: String?
    var header: String?
    var query: String?
    var cookie: String?

    /// The identity, with `${VAR}` references read from `environment`.
    func identity(environment: [String: String]) throws -> Identity {
        let given = [("bearer", bearer), ("basic", basic), ("header", header), ("query", query), ("cookie", cookie)]
            .compactMap { kind, value in value.map { (kind, $0) } }
        guard given.count == 1, let (kind, raw) = given.first else {
            throw InputError(
                description: "identity \(name): give exactly one of bearer, basic, header, query or cookie")
        }
        let value = try Self.expand(raw, environment: environment, identity: name)
        return Identity(
            name: name, role: role ?? "user", credential: try Identity.credential(kind: kind, value, identity: name))
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
