import Hummingbird
import NIOCore

/// The request context of the web service: the core context and the client's address.
struct ServerContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connected client (the reverse proxy, when there is one).
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's address as text, for per-client limits.
    var client: String { remoteAddress?.ipAddress ?? "unknown" }
}
