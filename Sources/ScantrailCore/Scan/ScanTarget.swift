import Foundation

/// The API under test: an `http` or `https` base URL, validated.
public struct ScanTarget: Hashable, Codable, Sendable {
    /// `http` or `https`.
    public let scheme: String
    /// Host name or address, lower-cased; IPv6 addresses without brackets.
    public let host: String
    /// Port, explicit or the scheme's default.
    public let port: Int
    /// Base path, always starting with `/`.
    public let basePath: String

    /// Parses and validates a user-given base URL.
    ///
    /// - Throws: ``TargetError`` naming what is wrong: not a URL, a missing or unsupported
    ///   scheme, no host, a port out of range, or credentials embedded in the URL.
    public init(parsing text: String) throws(TargetError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("://") else {
            throw .missingScheme(trimmed)
        }
        guard let components = URLComponents(string: trimmed) else {
            throw .malformed(text)
        }
        guard let scheme = components.scheme?.lowercased() else {
            throw .missingScheme(text)
        }
        guard scheme == "http" || scheme == "https" else {
            throw .unsupportedScheme(scheme)
        }
        guard components.user == nil, components.password == nil else {
            throw .credentialsInURL
        }
        var host = (components.host ?? "").lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        guard !host.isEmpty else {
            throw .missingHost(text)
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        guard (1...65535).contains(port) else {
            throw .invalidPort(port)
        }
        self.init(scheme: scheme, host: host, port: port, basePath: components.path)
    }

    /// Creates a target from validated parts.
    public init(scheme: String, host: String, port: Int, basePath: String = "/") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.basePath = basePath.isEmpty ? "/" : basePath
    }

    /// Whether the target is served over TLS.
    public var isHTTPS: Bool { scheme == "https" }

    /// The host as it appears in a URL: IPv6 addresses in brackets.
    public var urlHost: String {
        host.contains(":") ? "[\(host)]" : host
    }

    /// `scheme://host:port`, always with the port, so that origins compare exactly.
    public var origin: String {
        "\(scheme)://\(urlHost):\(port)"
    }

    /// The base URL as the user would write it (default ports omitted).
    public var url: String {
        url(path: basePath)
    }

    /// An absolute URL for a path relative to the origin (default ports omitted).
    public func url(path: String) -> String {
        let isDefaultPort = (scheme == "https" && port == 443) || (scheme == "http" && port == 80)
        return "\(scheme)://\(urlHost)\(isDefaultPort ? "" : ":\(port)")\(path)"
    }

    /// The same host with another scheme and port (e.g. the cleartext twin of an HTTPS API).
    public func with(scheme: String, port: Int) -> ScanTarget {
        ScanTarget(scheme: scheme, host: host, port: port, basePath: basePath)
    }

    /// The location of the base URL for `method`.
    public func location(method: String? = "GET", path: String? = nil) -> Location {
        Location(origin: origin, method: method, path: path ?? basePath)
    }
}
