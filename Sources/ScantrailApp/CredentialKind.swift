import Foundation
import ScantrailCore

/// How a given secret is sent: the `KIND` of `--identity NAME[:ROLE]=KIND:VALUE` and of the
/// configuration file's identity keys.
public enum CredentialKind: String, Hashable, Sendable, CaseIterable {
    /// `Authorization: Bearer <token>`.
    case bearer
    /// `Authorization: Basic`, from `user:password`.
    case basic
    /// A header, from `Name: value`.
    case header
    /// A query parameter, from `name=value`.
    case query
    /// A cookie, from `name=value`.
    case cookie

    /// The credential carrying `value`, for the identity named `identity`.
    ///
    /// - Throws: ``AppError`` saying what is malformed, never echoing the secret.
    public func credential(_ value: String, identity: String) throws -> Identity.Credential {
        func pair(_ separator: Character) throws -> (String, String) {
            guard let index = value.firstIndex(of: separator), index != value.startIndex else {
                throw AppError.invalid(
                    "identity \(identity): a \(rawValue) credential is written name\(separator)value")
            }
            return (
                String(value[..<index]).trimmingCharacters(in: .whitespaces),
                String(value[value.index(after: index)...]).trimmingCharacters(in: .whitespaces)
            )
        }
        switch self {
        case .bearer: return .header(name: "Authorization", value: "Bearer \(value)")
        case .basic: return .header(name: "Authorization", value: "Basic \(Data(value.utf8).base64EncodedString())")
        case .header:
            let (name, secret) = try pair(":")
            return .header(name: name, value: secret)
        case .query:
            let (name, secret) = try pair("=")
            return .query(name: name, value: secret)
        case .cookie:
            let (name, secret) = try pair("=")
            return .cookie(name: name, value: secret)
        }
    }

    /// The kind named `text`.
    ///
    /// - Throws: ``AppError`` listing the kinds.
    static func named(_ text: String, identity: String) throws -> CredentialKind {
        guard let kind = CredentialKind(rawValue: text) else {
            let kinds = allCases.map(\.rawValue).joined(separator: ", ")
            throw AppError.invalid("identity \(identity): unknown credential kind '\(text)' (\(kinds))")
        }
        return kind
    }
}
