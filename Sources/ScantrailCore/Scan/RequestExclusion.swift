/// A request the scan never sends, as the user names it (`--exclude 'GET /seed'`): a method, or
/// `*` for any, and a path — a description's template (`/orders/{id}` stands for one segment),
/// a glob (`*` stands for anything, slashes too) or literal — matched against every request's
/// path, each redirect hop's too. Some APIs reset or seed their data on a GET: excluded, the
/// scan's results no longer depend on when that request would have come.
public struct RequestExclusion: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The method, upper-cased; `nil` for any.
    public let method: String?
    /// The path pattern, starting with `/`.
    public let path: String

    /// Reads `METHOD /path` or `/path` (any method); `nil` for anything else.
    public init?(parsing text: String) {
        let parts = text.split(whereSeparator: \.isWhitespace)
        let (method, path): (Substring?, Substring)
        switch parts.count {
        case 1: (method, path) = (nil, parts[0])
        case 2: (method, path) = (parts[0], parts[1])
        default: return nil
        }
        guard path.hasPrefix("/"), method.map({ $0 == "*" || $0.allSatisfy(\.isLetter) }) ?? true else { return nil }
        self.init(method: method == "*" ? nil : method.map { $0.uppercased() }, path: String(path))
    }

    /// An exclusion of `method` (`nil`: any) at `path`.
    public init(method: String?, path: String) {
        self.method = method
        self.path = path
    }

    /// `METHOD /path`, as it is written on the command line.
    public var description: String { "\(method ?? "*") \(path)" }

    /// This exclusion and, for a target under a base path (`/api`), the same one under it, so
    /// that `GET /seed` names `/api/seed` as a description's paths do.
    public func resolved(basePath: String) -> [RequestExclusion] {
        let base = basePath.hasSuffix("/") ? String(basePath.dropLast()) : basePath
        guard !base.isEmpty, !path.hasPrefix(base + "/") else { return [self] }
        return [self, RequestExclusion(method: method, path: base + path)]
    }

    /// Whether a `method` request to `path` (a URL's path, its query left out) is excluded.
    public func matches(method: String, path: String) -> Bool {
        guard self.method.map({ $0 == method.uppercased() }) ?? true else { return false }
        let requested = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        return Self.matches(Array(self.path)[...], Array(requested.isEmpty ? "/" : requested)[...])
    }

    /// Glob matching: `*` any run of characters, `{name}` one non-empty segment, else literally.
    /// Slices share their arrays, so a step copies nothing.
    private static func matches(_ pattern: ArraySlice<Character>, _ text: ArraySlice<Character>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        switch first {
        case "*":
            return (0...text.count).contains { matches(pattern.dropFirst(), text.dropFirst($0)) }
        case "{":
            guard let close = pattern.firstIndex(of: "}") else {
                return text.first == "{" && matches(pattern.dropFirst(), text.dropFirst())
            }
            let segment = text.prefix { $0 != "/" }.count
            guard segment > 0 else { return false }
            return (1...segment).contains { matches(pattern[(close + 1)...], text.dropFirst($0)) }
        default:
            return text.first == first && matches(pattern.dropFirst(), text.dropFirst())
        }
    }
}
