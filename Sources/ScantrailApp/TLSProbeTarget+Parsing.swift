import ScantrailCore
import ScantrailTLS

extension TLSProbeTarget {
    /// Parses `HOST`, `HOST:PORT`, `[IPv6]:PORT` or an `https://` URL (port 443 by default).
    ///
    /// - Throws: ``AppError`` saying what is malformed.
    public init(parsing text: String, serverName: String?, address: String?) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("://") {
            let target: ScanTarget
            do {
                target = try ScanTarget(parsing: trimmed)
            } catch {
                throw AppError.invalid(error.description)
            }
            self.init(host: target.host, port: target.port, serverName: serverName, address: address)
            return
        }
        var host = trimmed
        var port = 443
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else {
                throw AppError.invalid("unclosed [ in \(text)")
            }
            host = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
            let rest = trimmed[trimmed.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let value = Int(rest.dropFirst()) else {
                    throw AppError.invalid("not HOST[:PORT]: \(text)")
                }
                port = value
            }
        } else if trimmed.filter({ $0 == ":" }).count == 1, let colon = trimmed.firstIndex(of: ":") {
            host = String(trimmed[..<colon])
            guard let value = Int(trimmed[trimmed.index(after: colon)...]) else {
                throw AppError.invalid("not a port number in \(text)")
            }
            port = value
        }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw AppError.invalid("not HOST[:PORT]: \(text)")
        }
        guard (1...65535).contains(port) else { throw AppError.invalid("port \(port) is out of range 1-65535") }
        self.init(host: host.lowercased(), port: port, serverName: serverName, address: address)
    }
}
