import ScantrailCore
import ScantrailTLS

extension TLSProbeTarget {
    /// Parses `HOST`, `HOST:PORT`, `[IPv6]:PORT` or an `https://` URL given on the command line;
    /// a bad one is an ``InputError`` (one line, exit 2).
    static func input(_ text: String, serverName: String?, address: String?) throws -> TLSProbeTarget {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("://") {
            let target = try ScanTarget.input(trimmed)
            return TLSProbeTarget(host: target.host, port: target.port, serverName: serverName, address: address)
        }
        var host = trimmed
        var port = 443
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else {
                throw InputError(description: "unclosed [ in \(text)")
            }
            host = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
            let rest = trimmed[trimmed.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let value = Int(rest.dropFirst()) else {
                    throw InputError(description: "not HOST[:PORT]: \(text)")
                }
                port = value
            }
        } else if trimmed.filter({ $0 == ":" }).count == 1, let colon = trimmed.firstIndex(of: ":") {
            host = String(trimmed[..<colon])
            guard let value = Int(trimmed[trimmed.index(after: colon)...]) else {
                throw InputError(description: "not a port number in \(text)")
            }
            port = value
        }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw InputError(description: "not HOST[:PORT]: \(text)")
        }
        guard (1...65535).contains(port) else { throw InputError(description: "port \(port) is out of range 1-65535") }
        return TLSProbeTarget(host: host.lowercased(), port: port, serverName: serverName, address: address)
    }
}
