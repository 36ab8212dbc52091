import HTTPTypes
import Hummingbird
import NIOCore
import ScantrailCore

/// The request context of the web service: the core context and the connected peer's address.
struct ServerContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connected peer (the reverse proxy, when there is one).
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's address, for per-client limits (see ``client(peer:trusting:forwardedFor:)``).
    func client(trusting trusted: [IPAddress], forwardedFor: String?) -> String {
        Self.client(peer: remoteAddress?.ipAddress ?? "unknown", trusting: trusted, forwardedFor: forwardedFor)
    }

    /// The client's address: the peer's, or — when the peer is one of the `trusted` proxies —
    /// the rightmost `X-Forwarded-For` entry that is not itself a trusted proxy (entries left of
    /// it were written by the client and prove nothing). Pure.
    static func client(peer: String, trusting trusted: [IPAddress], forwardedFor: String?) -> String {
        guard let forwardedFor, let address = IPAddress(peer), trusted.contains(address) else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard let address = IPAddress(hop) else { return peer }
            if !trusted.contains(address) { return address.description }
        }
        return peer
    }
}

extension HTTPField.Name {
    /// The de-facto header a reverse proxy puts the client's address in.
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
