/// Why a target given by the user cannot be scanned. Its description is one line meant for
/// the terminal.
public struct TargetError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case malformed(String)
        case missingScheme(String)
        case unsupportedScheme(String)
        case missingHost(String)
        case invalidPort(Int)
        case credentialsInURL
    }

    private let code: Code

    /// The text is not a URL.
    public static func malformed(_ text: String) -> Self { Self(code: .malformed(text)) }
    /// The URL has no scheme.
    public static func missingScheme(_ text: String) -> Self { Self(code: .missingScheme(text)) }
    /// The scheme is neither `http` nor `https`.
    public static func unsupportedScheme(_ scheme: String) -> Self { Self(code: .unsupportedScheme(scheme)) }
    /// The URL has no host.
    public static func missingHost(_ text: String) -> Self { Self(code: .missingHost(text)) }
    /// The port is outside 1…65535.
    public static func invalidPort(_ port: Int) -> Self { Self(code: .invalidPort(port)) }
    /// The URL carries a user name or password.
    public static let credentialsInURL = Self(code: .credentialsInURL)

    public var description: String {
        switch code {
        case .malformed(let text):
            "'\(text)' is not a valid URL"
        case .missingScheme(let text):
            "'\(text)' has no scheme; did you mean https://\(text)?"
        case .unsupportedScheme(let scheme):
            "unsupported scheme '\(scheme)': only http and https APIs can be scanned"
        case .missingHost(let text):
            "'\(text)' has no host"
        case .invalidPort(let port):
            "port \(port) is outside 1-65535"
        case .credentialsInURL:
            "the URL contains credentials; pass them with --header instead so they can be redacted"
        }
    }
}
