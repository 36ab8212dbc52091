#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A port on 127.0.0.1 that is bound but never listened on, for as long as `body` runs: every
/// connection to it is refused, and no other server can take it meanwhile (unlike the port of a
/// server that was just stopped).
public enum ClosedPort {
    /// Why no port could be reserved.
    public struct Unavailable: Error {}

    /// Runs `body` with the reserved port.
    public static func withReserved<Result>(_ body: (Int) async throws -> Result) async throws -> Result {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Unavailable() }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw Unavailable() }
        return try await body(Int(UInt16(bigEndian: address.sin_port)))
    }
}
