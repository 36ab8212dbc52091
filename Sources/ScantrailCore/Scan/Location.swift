/// Where an outcome applies: an endpoint, and optionally the parameter or discriminator
/// (a header name, a cipher suite) that tells apart several outcomes of one rule there.
public struct Location: Hashable, Codable, Sendable {
    /// Scheme, host and port, e.g. `https://api.example.com:443`.
    public let origin: String
    /// HTTP method, or `nil` for a non-HTTP location (a TLS port).
    public let method: String?
    /// Normalised path template, e.g. `/users/{id}`.
    public let path: String
    /// What distinguishes this outcome from others of the same rule at the same endpoint.
    public let discriminator: String?

    /// Creates a location.
    public init(origin: String, method: String?, path: String, discriminator: String? = nil) {
        self.origin = origin
        self.method = method
        self.path = path
        self.discriminator = discriminator
    }

    /// The same endpoint with a discriminator (`nil`: the endpoint as a whole).
    public func with(discriminator: String?) -> Location {
        Location(origin: origin, method: method, path: path, discriminator: discriminator)
    }

    /// `GET https://host:443/path [discriminator]`, for humans.
    public var display: String {
        let head = [method, origin + path].compactMap { $0 }.joined(separator: " ")
        return discriminator.map { "\(head) [\($0)]" } ?? head
    }
}
