/// Reads a request's `Cookie` header (`a=1; b=2`).
enum CookieHeader {
    /// The values of every cookie named `name`, in the order sent.
    static func values(_ name: String, in header: String?) -> [String] {
        (header ?? "").split(separator: ";").compactMap { pair in
            let trimmed = pair.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("\(name)=") ? String(trimmed.dropFirst(name.count + 1)) : nil
        }
    }
}
