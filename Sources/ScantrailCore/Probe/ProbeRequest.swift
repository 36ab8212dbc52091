import Foundation

/// A request a check asks the HTTP probe to send.
public struct ProbeRequest: Hashable, Sendable {
    /// HTTP method.
    public var method: String
    /// Absolute URL.
    public var url: String
    /// Headers added to the probe's defaults (User-Agent and the user's configured headers).
    public var headers: [HeaderField]
    /// Request body, if any.
    public var body: Data?
    /// Follow redirects (at most the configured limit, same host only, loops detected).
    public var followRedirects: Bool
    /// Leave out the user's configured headers (`--header`): for requests that must carry no
    /// credentials, or only an identity's.
    public var omitsConfiguredHeaders = false
    /// Wait and retry on 429 as the limits allow; a rate-limit test turns this off to see the 429.
    public var retriesRateLimited = true
    /// Let an identical earlier exchange answer; a burst turns this off so every request is sent.
    public var acceptsEarlierAnswer = true

    /// Creates a request.
    public init(
        method: String = "GET",
        url: String,
        headers: [HeaderField] = [],
        body: Data? = nil,
        followRedirects: Bool = false
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.followRedirects = followRedirects
    }

    /// Whether an identical earlier exchange in the same scan may answer this request:
    /// safe methods without a body.
    public var isReusable: Bool {
        acceptsEarlierAnswer && (method == "GET" || method == "HEAD") && body == nil
    }
}
