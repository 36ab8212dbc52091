import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import NIOSSL
import ScantrailCore

#if canImport(Glibc)
    import Glibc
#endif

extension ProbeFailure {
    /// Names a transport error in the scan's terms. The message is ours, never the error's own
    /// text, which may quote a URL with credentials in it.
    init(classifying error: any Error, timeout: Double) {
        switch error {
        case let error as TransportError:
            self.init(classifyingTransportError: error, timeout: timeout)
        case let error as NIOConnectionError:
            if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
                self.init(.hostNotFound, "the host name does not resolve")
            } else if let first = error.connectionErrors.first {
                self.init(classifying: first.error, timeout: timeout)
            } else {
                self.init(.other, "connection failed")
            }
        case let error as IOError where error.errnoCode == ECONNREFUSED:
            self.init(.connectionRefused, "connection refused")
        case let error as IOError where error.errnoCode == ECONNRESET || error.errnoCode == EPIPE:
            self.init(.connectionReset, "connection reset by peer")
        case ChannelError.connectTimeout:
            self.init(.connectTimeout, "no connection within the connect timeout")
        case is SocketAddressError:
            self.init(.hostNotFound, "the host name does not resolve")
        case is HTTPParserError:
            self.init(.malformedResponse, "the response is not valid HTTP or its headers are too large")
        case is NIOHTTPDecompression.DecompressionError:
            self.init(.decompressionLimit, "the compressed body expands beyond the allowed ratio")
        case is NIOSSLError, is BoringSSLError:
            self.init(.tlsFailure, "TLS handshake failed")
        default:
            self.init(.other, "transport error (\(type(of: error)))")
        }
    }

    private init(classifyingTransportError error: TransportError, timeout: Double) {
        switch error {
        case .deadlineExceeded:
            self.init(.timeout, "no complete response within \(Self.seconds(timeout))")
        case .readTimeout:
            self.init(.timeout, "the server stopped sending (read timeout)")
        case .closedBeforeResponse, .closedMidResponse:
            self.init(.connectionReset, "the server closed the connection")
        case .proxyRefused(let statusLine):
            self.init(.proxyFailure, "the proxy refused the tunnel: \(statusLine)")
        case .proxyUnanswered:
            self.init(.proxyFailure, "the proxy did not open a tunnel")
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
