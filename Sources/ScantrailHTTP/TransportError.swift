/// Ways an exchange can end on the wire that NIO itself does not name.
enum TransportError: Error, Equatable {
    /// The response did not complete within the request timeout.
    case deadlineExceeded
    /// The server sent nothing for longer than the read timeout.
    case readTimeout
    /// The server closed the connection before a response began.
    case closedBeforeResponse
    /// The server closed the connection in the middle of a response.
    case closedMidResponse
    /// The proxy refused to open a tunnel (`CONNECT`), answering this status line.
    case proxyRefused(String)
    /// The proxy's answer to `CONNECT` was not HTTP, or did not end in time.
    case proxyUnanswered
}
