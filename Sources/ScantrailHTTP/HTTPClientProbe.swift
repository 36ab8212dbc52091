import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import ScantrailCore

/// The scan's HTTP probe: one shared async-http-client that every check's requests go through.
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

    private let client: HTTPClient
    private let limits: ScanLimits
    private let defaultHeaders: [HeaderField]
    /// The scan's request budget.
    public let budget: RequestBudget
    private let limiter: HostConnectionLimiter
    private let reuse = ExchangeReuse()
    private let logger: Logger

    private init(client: HTTPClient, configuration: ScanConfiguration, logger: Logger) {
        self.client = client
        self.limits = configuration.limits
        self.defaultHeaders =
            [
                HeaderField(name: "User-Agent", value: Self.userAgent),
                HeaderField(name: "Accept", value: "application/json, */*;q=0.8"),
                HeaderField(name: "Accept-Encoding", value: "gzip, deflate"),
            ] + configuration.headers
        self.budget = RequestBudget(limit: configuration.limits.requestBudget)
        self.limiter = HostConnectionLimiter(limitPerHost: configuration.limits.maxConnectionsPerHost)
        self.logger = logger
    }

    /// Runs `body` with a probe configured for one scan, and shuts the client down afterwards,
    /// however `body` ends.
    public static func withProbe<Result: Sendable>(
        configuration: ScanConfiguration,
        logger: Logger = Logger(label: "scantrail.http", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (HTTPClientProbe) async throws -> Result
    ) async throws -> Result {
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: clientConfiguration(configuration.limits))
        let probe = HTTPClientProbe(client: client, configuration: configuration, logger: logger)
        let result: Result
        do {
            result = try await body(probe)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return result
    }

    private static func clientConfiguration(_ limits: ScanLimits) -> HTTPClient.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            timeout: .init(
                connect: .milliseconds(Int64(min(limits.requestTimeoutSeconds, 5) * 1000)),
                read: .milliseconds(Int64(limits.readTimeoutSeconds * 1000))
            ),
            decompression: .enabled(limit: .ratio(limits.maxDecompressionRatio))
        )
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = limits.maxConnectionsPerHost
        // A refused connection is an observation, not something to retry until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.httpVersion = .http1Only
        return configuration
    }

    public func send(_ request: ProbeRequest) async throws -> HTTPExchange {
        guard request.isReusable else {
            return try await perform(request)
        }
        return try await reuse.exchange(for: request) { try await perform(request) }
    }

    /// Sends `request`, following redirects if asked and backing off on 429.
    private func perform(_ request: ProbeRequest) async throws -> HTTPExchange {
        let clock = ContinuousClock()
        let started = clock.now
        let headers = defaultHeaders + request.headers
        let recorded = HTTPExchange.Request(method: request.method, url: request.url, headers: headers)
        var hop = request
        var redirects: [HTTPExchange.Redirect] = []
        var visited: Set<String> = [request.url]
        var sent = 0
        var rateLimitRetries = 0

        func finish(_ response: HTTPExchange.Response?, _ failure: ProbeFailure?) -> HTTPExchange {
            HTTPExchange(
                request: recorded, response: response, failure: failure, redirects: redirects,
                durationMilliseconds: Int((clock.now - started) / .milliseconds(1)), requestsSent: sent
            )
        }

        while true {
            guard budget.take() else {
                return finish(
                    nil, ProbeFailure(.budgetExhausted, "the scan's request budget of \(budget.limit) is spent"))
            }
            sent += 1
            let response: HTTPExchange.Response
            switch try await fetch(hop, headers: headers) {
            case .failure(let failure):
                return finish(nil, failure)
            case .success(let received):
                response = received
            }
            if response.status == 429, rateLimitRetries < limits.maxRateLimitRetries {
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
            redirects.append(HTTPExchange.Redirect(status: response.status, from: hop.url, location: target))
            guard visited.insert(target).inserted else {
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
    private func fetch(_ request: ProbeRequest, headers: [HeaderField]) async throws
        -> Swift.Result<HTTPExchange.Response, ProbeFailure>
    {
        guard let url = URL(string: request.url), let host = url.host else {
            return .failure(ProbeFailure(.invalidRequest, "not an absolute URL"))
        }
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for field in headers {
            outgoing.headers.add(name: field.name, value: field.value)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let timeout = Duration.seconds(limits.requestTimeoutSeconds)
        let maxBody = limits.maxBodyBytes
        do {
            return try await limiter.withSlot(for: "\(host):\(url.port ?? -1)") {
                // The client's deadline bounds connecting and the head; the body is checked against
                // the same deadline chunk by chunk (a drip of bytes keeps the read timeout at bay),
                // and a silent peer trips the read timeout.
                let clock = ContinuousClock()
                let deadline = clock.now.advanced(by: timeout)
                let response = try await client.execute(
                    outgoing, timeout: .nanoseconds(Int64(timeout / .nanoseconds(1))))
                var body = Data()
                var received = 0
                var truncated = false
                for try await chunk in response.body {
                    received += chunk.readableBytes
                    let room = maxBody - body.count
                    body.append(contentsOf: chunk.readableBytesView.prefix(room))
                    if received > maxBody {
                        truncated = true
                        break
                    }
                    if clock.now >= deadline {
                        throw DeadlineExceeded()
                    }
                }
                return .success(
                    HTTPExchange.Response(
                        status: Int(response.status.code),
                        headers: response.headers.map { HeaderField(name: $0.name, value: $0.value) },
                        body: body, bodyLength: received, bodyTruncated: truncated
                    )
                )
            }
        } catch {
            if Task.isCancelled { throw CancellationError() }
            return .failure(ProbeFailure(classifying: error, timeout: limits.requestTimeoutSeconds))
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
