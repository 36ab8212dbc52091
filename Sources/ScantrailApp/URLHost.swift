import Foundation

/// The host part of URLs a user names (a description, a token endpoint).
enum URLHost {
    /// The host of an absolute http(s) URL, without IPv6 brackets; `nil` for a file path.
    static func of(_ location: String) -> String? {
        guard location.hasPrefix("http://") || location.hasPrefix("https://") else { return nil }
        return URLComponents(string: location)?.host.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) }
    }
}
