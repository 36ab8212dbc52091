import Foundation

/// What is hidden when evidence is written: credentials in headers and URLs.
///
/// Values of `Authorization`, `Proxy-Authorization` and `Cookie` headers, and of any header
/// whose name contains `auth`, `token`, `secret`, `key`, `password`, `passwd`, `session`,
/// `credential` or `signature`, become `[REDACTED]` (an `Authorization` scheme such as
/// `Bearer` is kept) — except standard headers that only look so, such as
/// `Access-Control-Allow-Credentials` and `WWW-Authenticate`. `Set-Cookie` keeps the cookie's name and attributes, not its value.
/// Query parameters with such names keep their name, not their value.
public enum Redaction {
    /// The replacement text.
    public static let marker = "[REDACTED]"

    private static let sensitiveFragments = [
        "auth", "token", "secret", "key", "password", "passwd", "session", "credential", "signature", "cookie",
    ]
    private static let sensitiveQueryNames: Set<String> = ["code", "sig", "pass", "pwd", "jwt", "sid"]
    /// Standard headers whose names look sensitive but whose values never carry a secret.
    private static let publicHeaders: Set<String> = [
        "access-control-allow-credentials", "access-control-allow-headers", "access-control-expose-headers",
        "access-control-request-headers", "www-authenticate", "proxy-authenticate",
    ]

    /// Whether a header or parameter name is treated as carrying a secret.
    public static func isSensitive(name: String) -> Bool {
        let lowered = name.lowercased()
        return sensitiveFragments.contains { lowered.contains($0) }
    }

    /// A header with its secret parts replaced.
    public static func header(_ field: HeaderField) -> HeaderField {
        let name = field.name.lowercased()
        if name == "set-cookie" {
            return HeaderField(name: field.name, value: setCookie(field.value))
        }
        if name == "authorization" || name == "proxy-authorization" {
            let parts = field.value.split(separator: " ", maxSplits: 1)
            let value = parts.count == 2 ? "\(parts[0]) \(marker)" : marker
            return HeaderField(name: field.name, value: value)
        }
        guard isSensitive(name: name), !publicHeaders.contains(name), !field.value.isEmpty else { return field }
        return HeaderField(name: field.name, value: marker)
    }

    /// A URL with the values of sensitive query parameters replaced.
    public static func url(_ text: String) -> String {
        guard var components = URLComponents(string: text), let items = components.queryItems else {
            return text
        }
        var changed = false
        components.queryItems = items.map { item in
            guard item.value != nil,
                isSensitive(name: item.name) || sensitiveQueryNames.contains(item.name.lowercased())
            else { return item }
            changed = true
            return URLQueryItem(name: item.name, value: marker)
        }
        return changed ? (components.string ?? text) : text
    }

    /// `name=value; attrs` → `name=[REDACTED]; attrs`.
    private static func setCookie(_ value: String) -> String {
        var parts = value.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, let equals = first.firstIndex(of: "=") else { return marker }
        parts[0] = first[...equals] + marker
        return parts.joined(separator: ";")
    }
}
