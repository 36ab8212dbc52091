/// One URL under the scan's callback listener, unique to the probe that sends it: a request to
/// it proves that whatever was handed the URL (or a command that fetches it) reached out.
public struct CallbackProbe: Codable, Sendable, Hashable {
    /// The probe's unique token, the last path segment of ``url``.
    public let token: CallbackToken
    /// The URL the target is handed.
    public let url: String
    /// What the listener answers at ``url``: text the target was never sent, so seeing it in
    /// the target's answer proves the target relayed what it fetched.
    public let content: String

    /// Creates a probe.
    public init(token: CallbackToken, url: String, content: String) {
        self.token = token
        self.url = url
        self.content = content
    }
}

/// A callback token: 32 lowercase hexadecimal digits, random per probe.
public struct CallbackToken: RawRepresentable, Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// A token from its text; `nil` unless it is 32 lowercase hexadecimal digits.
    public init?(rawValue: String) {
        let digits = Set("0123456789abcdef".utf8)
        guard rawValue.utf8.count == 32, rawValue.utf8.allSatisfy(digits.contains) else { return nil }
        self.rawValue = rawValue
    }

    /// A fresh random token.
    public static func random() -> CallbackToken {
        CallbackToken(rawValue: (0..<16).map { _ in UInt8.random(in: .min ... .max) }.hexString)!
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One request the callback listener received for a token it issued.
public struct CallbackHit: Codable, Sendable, Hashable {
    /// The token the request's path carried.
    public let token: CallbackToken
    /// `GET`, `POST`….
    public let method: String
    /// The address the request came from (`203.0.113.7`), without the port.
    public let peer: String
    /// The request's `User-Agent`, cut to 200 characters, if any.
    public let userAgent: String?

    /// Creates a hit.
    public init(token: CallbackToken, method: String, peer: String, userAgent: String?) {
        self.token = token
        self.method = method
        self.peer = peer
        self.userAgent = userAgent.map { String($0.prefix(200)) }
    }
}
