import Foundation

/// An HTTP(S) forward proxy the scan's requests go through (`--proxy`, `HTTPS_PROXY`):
/// cleartext requests in absolute form, HTTPS ones in a `CONNECT` tunnel. Written into reports
/// with its password redacted.
public struct ProxyConfiguration: Hashable, Codable, Sendable {
    /// The proxy's host.
    public let host: String
    /// Its port.
    public let port: Int
    /// `Proxy-Authorization` to send, from the URL's user and password (`Basic …`).
    public let authorization: String?
    /// Hosts reached directly (`NO_PROXY`): a name matches itself and its subdomains (`.example.com`
    /// or `example.com` both cover `api.example.com`); `*` bypasses the proxy for every host.
    public let bypass: [String]
    /// Whether loopback hosts (`localhost`, `127.0.0.0/8`, `::1`) are reached directly, as
    /// they are for a proxy taken from the environment.
    public let directToLoopback: Bool

    /// The proxy at `url` (`http://[user:password@]host[:port]`, port 3128 by default); `nil`
    /// for anything else.
    public init?(url: String, bypass: [String] = [], directToLoopback: Bool = false) {
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "http",
            let host = components.host, !host.isEmpty
        else { return nil }
        self.host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        self.port = components.port ?? 3128
        self.authorization = components.user.map { user in
            let pair = "\(user.removingPercentEncoding ?? user):\(components.password?.removingPercentEncoding ?? "")"
            return "Basic " + Data(pair.utf8).base64EncodedString()
        }
        self.bypass = bypass.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        self.directToLoopback = directToLoopback
    }

    /// Whether requests to `host` go through the proxy.
    public func applies(to host: String) -> Bool {
        let host = host.lowercased()
        if directToLoopback, host == "localhost" || IPAddress(host).flatMap(AddressCategory.init) == .loopback {
            return false
        }
        return !bypass.contains { entry in
            if entry == "*" { return true }
            let name = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            return host == name || host.hasSuffix("." + name)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case host, port, authorization, bypass, directToLoopback
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        host = try container.decode(String.self, forKey: .host)
        port = try container.decode(Int.self, forKey: .port)
        authorization = try container.decodeIfPresent(String.self, forKey: .authorization)
        bypass = try container.decode([String].self, forKey: .bypass)
        directToLoopback = try container.decode(Bool.self, forKey: .directToLoopback)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(host, forKey: .host)
        try container.encode(port, forKey: .port)
        // The credential never reaches a report.
        try container.encodeIfPresent(authorization.map { _ in "Basic \(Redaction.marker)" }, forKey: .authorization)
        try container.encode(bypass, forKey: .bypass)
        try container.encode(directToLoopback, forKey: .directToLoopback)
    }
}
