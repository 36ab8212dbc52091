import Foundation

/// The host part of URLs a user names (a description, a token endpoint).
enum URLHost {
    /// The host of an absolute http(s) URL, without IPv6 brackets; `nil` for a file path.
    static func of(_ location: String) -> String? {
        guard location.hasPrefix("http://") || location.hasPrefix("https://") else { return nil }
        return URLComponents(string: location)?.host.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) }
    }

    /// Whether `text` is a DNS host name: dot-separated labels of letters, digits and hyphens,
    /// the last not all digits (so a mistyped address is not taken for a name).
    static func isName(_ text: String) -> Bool {
        let trimmed = text.hasSuffix(".") ? String(text.dropLast()) : text
        let labels = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...253).contains(trimmed.count), let last = labels.last, !last.allSatisfy(\.isNumber) else {
            return false
        }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}
