/// A parsed `Strict-Transport-Security` header (RFC 6797).
struct StrictTransportSecurity {
    /// `max-age` in seconds, or `nil` when missing or not a number.
    let maxAge: Int?
    /// Whether `includeSubDomains` is set.
    let includesSubDomains: Bool

    /// Parses a header value.
    init(_ value: String) {
        var maxAge: Int?
        var includesSubDomains = false
        for directive in value.split(separator: ";") {
            let parts = directive.split(separator: "=", maxSplits: 1).map { $0.trimmed }
            switch parts.first?.lowercased() {
            case "max-age" where parts.count == 2:
                maxAge = Int(parts[1].trimmingCharacters(in: ["\""]))
            case "includesubdomains":
                includesSubDomains = true
            default:
                continue
            }
        }
        self.maxAge = maxAge
        self.includesSubDomains = includesSubDomains
    }
}
