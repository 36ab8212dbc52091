import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import ScantrailCore

/// The scan's HTTP probe: one pool of keep-alive HTTP/1.1 connections (SwiftNIO) that every
/// check's requests go through.
///
/// It enforces the scan's ``ScanLimits``: the request budget, the per-host connection cap,
/// the per-request timeout, the read timeout against slow drips, the body size and
/// decompression-ratio caps, the redirect limit (same host only, loops detected) and back-off on
/// `429` with `Retry-After`. Identical safe requests within a scan are sent once and reused.
/// Certificates are not verified here: trust is what the TLS checks judge, and the HTTP checks
/// must still see a server whose certificate is broken.
public final class HTTPClientProbe: HTTPProbing {
    /// The `User-Agent` every request carries.
    public static let userAgent = "scantrail/\(ScannerInfo.current.version) (+security scan)"

    private let pool: ConnectionPool
    private let limits: ScanLimits
    private let defaultHeaders: [HeaderField]
    private let configuredHeaders: [HeaderField]
    /// The scan's request budget.
    public let budget: RequestBudget
    private let limiter: HostConnectionLimiter
    private let targetGuard: TargetGuard
    private let proxy: ProxyConfiguration?
    /// Requests never sent.
    private let exclusions: [RequestExclusion]
    private let logger: Logger
    private let reuse = ExchangeReuse()

    private init(
        pool: ConnectionPool, configuration: ScanConfiguration, targetGuard: TargetGuard,
        connections: HostConnectionLimiter, logger: Logger
    ) {
        self.pool = pool
        self.proxy = configuration.proxy
        self.exclusions = configuration.exclusions
        self.logger = logger
        self.targetGuard = targetGuard
        self.limits = configuration.limits
        self.defaultHeaders = [
            HeaderField(name: "User-Agent", value: Self.userAgent),
            HeaderField(name: "Accept", value: "application/json, */*;q=0.8"),
            HeaderField(name: "Accept-Encoding", value: "gzip, deflate"),
        ]
        self.configuredHeaders = configuration.headers
        self.budget = RequestBudget(limit: configuration.limits.requestBudget)
        self.limiter = connections
    }

    /// Runs `body` with a probe configured for one scan, and closes its connections afterwards,
    /// however `body` ends.
    ///
    /// - Parameters:
    ///   - targetGuard: Decides every connection; by default the one `configuration`'s scope
    ///     describes. Pass the scan's own to share its pinned addresses.
    ///   - connections: The per-host connection cap; by default one of
    ///     ``ScanLimits/maxConnectionsPerHost`` of its own. Pass the scan's to share it with the
    ///     TLS prober.
    ///   - logger: Each exchange at trace level: method, redacted URL, status or failure, time.
    /// - Throws: what `body` throws, or an error from setting up TLS.
    public static func withProbe<Result: Sendable>(
        configuration: ScanConfiguration,
        targetGuard: TargetGuard? = nil,
        connections: HostConnectionLimiter? = nil,
        logger: Logger = Logger(label: "scantrail.http", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (HTTPClientProbe) async throws -> Result
    ) async throws -> Result {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let limits = configuration.limits
        let settings = HTTP1Connection.Settings(
            connectTimeout: .milliseconds(Int64(min(limits.requestTimeoutSeconds, 5) * 1000)),
            readTimeout: .milliseconds(Int64(limits.readTimeoutSeconds * 1000)),
            decompressionRatio: limits.maxDecompressionRatio,
            tls: try NIOSSLContext(configuration: tls))
        let pool = ConnectionPool(settings: settings, eventLoop: MultiThreadedEventLoopGroup.singleton.next())
        defer { pool.shutdown() }
        return try await body(
            HTTPClientProbe(
                pool: pool, configuration: configuration, targetGuard: targetGuard ?? TargetGuard(configuration),
                connections: connections ?? HostConnectionLimiter(limitPerHost: limits.maxConnectionsPerHost),
                logger: logger))
    }

    public func send(_ request: ProbeRequest) async throws -> HTTPExchange {
        guard request.isReusable else {
            return try await perform(request)
        }
        return try await reuse.exchange(for: request) { try await perform(request) }
    }

    /// The defaults, then the configured headers (unless left out), then the request's own; a
    /// later header replaces an earlier one of the same name.
    private func headers(for request: ProbeRequest) -> [HeaderField] {
        let base = request.omitsConfiguredHeaders ? defaultHeaders : defaultHeaders + configuredHeaders
        guard !request.headers.isEmpty else { return base }
        let replaced = Set(request.headers.map { $0.name.lowercased() })
        return base.filter { !replaced.contains($0.name.lowercased()) } + request.headers
    }

    /// Sends `request`, following redirects if asked and backing off on 429.
    private func perform(_ request: ProbeRequest) async throws -> HTTPExchange {
        let clock = ContinuousClock()
        let started = clock.now
        let headers = headers(for: request)
        let recorded = HTTPExchange.Request(method: request.method, url: request.url, headers: headers)
        var hop = request
        var redirects: [HTTPExchange.Redirect] = []
        var sent = 0
        var rateLimitRetries = 0

        func finish(_ response: HTTPExchange.Response?, _ failure: ProbeFailure?) -> HTTPExchange {
            let exchange = HTTPExchange(
                request: recorded, response: response, failure: failure, redirects: redirects,
                durationMilliseconds: Int((clock.now - started) / .milliseconds(1)), requestsSent: sent
            )
            logger.trace(
                "exchange",
                metadata: [
                    "http.method": "\(request.method)", "http.url": "\(Redaction.url(request.url))",
                    "http.outcome":
                        "\(response.map { "\($0.status)" } ?? failure.map { "\($0.code.rawValue)" } ?? "none")",
                    "http.ms": "\(exchange.durationMilliseconds)", "http.sent": "\(sent)",
                ])
            return exchange
        }

        while true {
            guard let (parsed, target) = Endpoint.parse(hop.url) else {
                return finish(nil, ProbeFailure(.invalidRequest, "not an absolute http or https URL"))
            }
            if let exclusion = exclusions.first(where: { $0.matches(method: hop.method, path: target) }) {
                return finish(nil, ProbeFailure(.excluded, "not sent: excluded by --exclude '\(exclusion)'"))
            }
            // Every hop is asked for, redirects included.
            let endpoint: Endpoint
            switch await targetGuard.admit(parsed.host) {
            case .refused(let reason): return finish(nil, ProbeFailure(.refused, reason))
            case .allowed(let address): endpoint = parsed.connecting(to: address, via: proxy)
            }
            guard budget.take() else {
                return finish(
                    nil, ProbeFailure(.budgetExhausted, "the scan's request budget of \(budget.limit) is spent"))
            }
            sent += 1
            let response: HTTPExchange.Response
            switch try await fetch(hop, to: endpoint, target: target, headers: headers) {
            case .failure(let failure):
                return finish(nil, failure)
            case .success(let received):
                response = received
            }
            if response.status == 429, request.retriesRateLimited, rateLimitRetries < limits.maxRateLimitRetries {
                rateLimitRetries += 1
                try await Task.sleep(for: .seconds(retryDelay(response.headers.first("Retry-After"))))
                continue
            }
            guard hop.followRedirects, response.isRedirect,
                let target = response.headers.first("Location").flatMap({ resolve($0, against: hop.url) })
            else {
                return finish(response, nil)
            }
            guard Self.sameHost(target, hop.url) else {
                // Off-host redirects are recorded, never followed: the scan stays on its target.
                return finish(response, nil)
            }
            guard redirects.count < limits.maxRedirects else {
                return finish(response, ProbeFailure(.tooManyRedirects, "more than \(limits.maxRedirects) redirects"))
            }
            let visited = target == request.url || redirects.contains { $0.location == target }
            redirects.append(HTTPExchange.Redirect(status: response.status, from: hop.url, location: target))
            guard !visited else {
                return finish(response, ProbeFailure(.redirectLoop, "redirect loop back to \(Redaction.url(target))"))
            }
            hop.url = target
            if [301, 302, 303].contains(response.status) {
                hop.method = hop.method == "HEAD" ? "HEAD" : "GET"
                hop.body = nil
            }
        }
    }

    /// One request on the wire, within the host's connection cap and the request timeout.
    private func fetch(_ request: ProbeRequest, to endpoint: Endpoint, target: String, headers: [HeaderField])
        async throws -> Swift.Result<HTTPExchange.Response, ProbeFailure>
    {
        guard headers.allSatisfy(\.fitsOnOneLine) else {
            return .failure(ProbeFailure(.invalidRequest, "a header holds a line break or a NUL byte"))
        }
        // Through a proxy, a cleartext request names its whole URL (absolute form) and carries
        // the proxy's credential; an HTTPS one travels in a tunnel, unchanged.
        let viaProxy = endpoint.proxy != nil && !endpoint.usesTLS
        var head = HTTPRequestHead(
            version: .http1_1, method: HTTPMethod(rawValue: request.method),
            uri: viaProxy ? "http://\(endpoint.connectAuthority)\(target)" : target)
        head.headers.add(name: "Host", value: endpoint.hostHeader)
        if viaProxy, let authorization = endpoint.proxy?.authorization {
            head.headers.add(name: "Proxy-Authorization", value: authorization)
        }
        for field in headers {
            head.headers.add(name: field.name, value: field.value)
        }
        let body = request.body.map { ByteBuffer(bytes: $0) }
        if let body {
            head.headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes))
        } else if [.POST, .PUT, .PATCH].contains(head.method) {
            head.headers.replaceOrAdd(name: "Content-Length", value: "0")
        }
        let deadline = NIODeadline.now() + .nanoseconds(Int64(limits.requestTimeoutSeconds * 1e9))
        do {
            return try await limiter.withSlot(for: endpoint.slotKey) {
                // The deadline bounds the whole response, checked as body chunks arrive (a drip of
                // bytes keeps the read timeout at bay); a silent peer trips the read timeout.
                let response = try await pool.execute(
                    head, body: body, to: endpoint, deadline: deadline, maxBody: limits.maxBodyBytes)
                return .success(response.exchangeResponse)
            }
        } catch {
            if Task.isCancelled { throw CancellationError() }
            let failure = ProbeFailure(classifying: error, timeout: limits.requestTimeoutSeconds)
            if let proxy = endpoint.proxy, failure.isUnreachable {
                // The proxy, not the target, could not be reached.
                return .failure(
                    ProbeFailure(
                        .proxyFailure, "cannot reach the proxy at \(proxy.host):\(proxy.port): \(failure.message)"))
            }
            return .failure(failure)
        }
    }

    private func retryDelay(_ header: String?) -> Double {
        let asked = header.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } ?? 1
        return min(max(asked, 0), limits.maxRetryAfterSeconds)
    }

    private func resolve(_ location: String, against base: String) -> String? {
        URL(string: location, relativeTo: URL(string: base))?.absoluteURL.absoluteString
    }

    private static func sameHost(_ a: String, _ b: String) -> Bool {
        guard let hostA = URL(string: a)?.host?.lowercased(), let hostB = URL(string: b)?.host?.lowercased() else {
            return false
        }
        return hostA == hostB
    }
}
