import ScantrailCore

/// Evidence made of one exchange at one location: what header checks judge.
public struct ResponseEvidence: Codable, Sendable {
    /// Where the request went.
    public let location: Location
    /// The exchange, redacted and cut when stored.
    public let exchange: HTTPExchange

    /// Sends a GET for the target's base URL (reused across checks) and keeps the exchange.
    static func baseURL(of target: ScanTarget, context: ScanContext, followRedirects: Bool) async throws -> Self {
        let exchange = try await context.http.send(ProbeRequest(url: target.url, followRedirects: followRedirects))
        return ResponseEvidence(location: target.location(), exchange: exchange)
    }

}

extension HTTPExchange {
    /// The response, or the reason every rule judged on it is inconclusive.
    var judgeable: Swift.Result<HTTPExchange.Response, InconclusiveReason> {
        if let reason = inconclusiveReason { return .failure(InconclusiveReason(text: reason)) }
        guard let response else { return .failure(InconclusiveReason(text: "no response")) }
        return .success(response)
    }
}

/// Why an observation cannot support a judgement.
struct InconclusiveReason: Error {
    let text: String
}
