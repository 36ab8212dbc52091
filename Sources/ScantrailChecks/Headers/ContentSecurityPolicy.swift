/// A parsed `Content-Security-Policy` header: directive names mapped to their source lists.
struct ContentSecurityPolicy {
    /// The header as received.
    let text: String
    private let directives: [String: [String]]

    /// Parses a header value; `nil` when the header is absent or empty.
    init?(_ header: String?) {
        guard let header, !header.trimmed.isEmpty else { return nil }
        self.text = header
        var directives: [String: [String]] = [:]
        for part in header.split(separator: ";") {
            let tokens = part.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let name = tokens.first?.lowercased(), directives[name] == nil else { continue }
            // The first occurrence of a directive wins, as in browsers.
            directives[name] = tokens.dropFirst().map { $0.lowercased() }
        }
        self.directives = directives
    }

    /// Whether the policy sets `directive`.
    func has(_ directive: String) -> Bool {
        directives[directive] != nil
    }

    /// The sources of `directive`, or `nil` when it is not set.
    func sources(of directive: String) -> [String]? {
        directives[directive]
    }
}
