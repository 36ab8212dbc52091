import Foundation

/// The scan's defence against soft-404s, shared by every check that probes paths: before a path
/// is judged, the server's answer to random paths of the same shape (same folder, same
/// extension) is fingerprinted, and a probe response that matches is discounted as "not found".
///
/// A catch-all server that answers 200 with the same page for every path, or redirects every
/// path to a login page, therefore yields no exposure finding. Baselines are computed once per
/// folder and extension, with two random paths each, and cached for the scan.
public actor SoftNotFoundBaseline {
    /// One folder-and-extension's baseline.
    public struct Sample: Codable, Sendable, Hashable {
        /// The shape of the first random probe's answer.
        public let shape: ResponseShape
        /// Whether the two random probes' bodies differed (a page with changing content).
        public let isDynamic: Bool
        /// The random paths requested.
        public let probes: [String]
    }

    private let http: any HTTPProbing
    private let origin: String
    private var samples: [String: Task<Sample?, any Error>] = [:]

    /// Creates the baseline for the server at `origin` (`scheme://host:port`).
    public init(http: any HTTPProbing, origin: String) {
        self.http = http
        self.origin = origin
    }

    /// The baseline for paths shaped like `path`, computing it on first use; `nil` when the
    /// server did not answer the random probes.
    public func sample(for path: String) async throws -> Sample? {
        let (folder, fileExtension) = Self.shape(of: path)
        let key = folder + "*" + fileExtension
        if let existing = samples[key] {
            return try await existing.value
        }
        let task = Task { [http, origin] in
            var shapes: [ResponseShape] = []
            var probes: [String] = []
            for _ in 0..<2 {
                let random = folder + Self.randomName() + fileExtension
                probes.append(random)
                let exchange = try await http.send(ProbeRequest(url: origin + random))
                guard exchange.inconclusiveReason == nil, let response = exchange.response else {
                    return nil as Sample?
                }
                shapes.append(ResponseShape(response, requestedPath: random))
            }
            return Sample(shape: shapes[0], isDynamic: shapes[0].bodyDigest != shapes[1].bodyDigest, probes: probes)
        }
        samples[key] = task
        return try await task.value
    }

    /// Whether `response` to `path` looks like the server's answer to a path that does not exist.
    public func isSoftNotFound(_ response: HTTPExchange.Response, path: String) async throws -> Bool {
        guard let sample = try await sample(for: path) else { return false }
        return ResponseShape(response, requestedPath: path).matches(sample)
    }

    /// Whether `exchange` got the server's answer to a path that does not exist (`false`
    /// without a response); the path is the one its request asked for.
    public func isSoftNotFound(_ exchange: HTTPExchange) async throws -> Bool {
        guard let response = exchange.response, let path = URLComponents(string: exchange.request.url)?.path else {
            return false
        }
        return try await isSoftNotFound(response, path: path.isEmpty ? "/" : path)
    }

    /// `/a/b/c.env` → (`/a/b/`, `.env`); `/a/` → (`/a/`, `/`)… the folder and the extension a
    /// random sibling must share.
    static func shape(of path: String) -> (folder: String, fileExtension: String) {
        let clean = String(path.prefix { $0 != "?" })
        let isDirectory = clean.hasSuffix("/")
        let trimmed = isDirectory ? String(clean.dropLast()) : clean
        guard let slash = trimmed.lastIndex(of: "/") else { return ("/", isDirectory ? "/" : "") }
        let folder = String(trimmed[...slash])
        let name = trimmed[trimmed.index(after: slash)...]
        if isDirectory { return (folder, "/") }
        guard let dot = name.lastIndex(of: ".") else { return (folder, "") }
        // A dotfile (`.env`) keeps its whole name as the "extension": `/st….env`.
        return (folder, String(name[dot...]))
    }

    private static func randomName() -> String {
        "st" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(14)
    }
}
