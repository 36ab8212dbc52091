import NIOCore

/// Whether a certificate covers a name, as RFC 6125 clients decide: subjectAltName only, a
/// wildcard only as the whole leftmost label and matching exactly one label, addresses only
/// against IP entries.
enum HostnameMatch {
    static func covers(_ certificate: CertificateFacts, name: String) -> Bool {
        if let address = try? SocketAddress(ipAddress: name, port: 0) {
            return certificate.ipAddresses.contains(address.ipAddress ?? name)
        }
        let host = normalized(name)
        return certificate.dnsNames.contains { matches(pattern: normalized($0), host: host) }
    }

    private static func normalized(_ name: String) -> String {
        name.lowercased().hasSuffix(".") ? String(name.lowercased().dropLast()) : name.lowercased()
    }

    private static func matches(pattern: String, host: String) -> Bool {
        guard pattern.hasPrefix("*.") else { return pattern == host }
        let hostLabels = host.split(separator: ".", omittingEmptySubsequences: false)
        let patternLabels = pattern.split(separator: ".", omittingEmptySubsequences: false)
        // "*.com" covers nothing: a wildcard needs at least two labels after it.
        guard patternLabels.count >= 3, hostLabels.count == patternLabels.count, !hostLabels[0].isEmpty else {
            return false
        }
        return hostLabels.dropFirst() == patternLabels.dropFirst()
    }
}
