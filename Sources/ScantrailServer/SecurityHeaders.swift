import HTTPTypes
import Hummingbird
import ScantrailCore

/// Headers every answer carries: no framing, no sniffing, no referrer, the pages' CSP, no cache
/// for results, no `Server` banner, and HSTS when the client reached the service over HTTPS
/// (served here, or by a trusted reverse proxy that says so in `X-Forwarded-Proto`).
struct SecurityHeaders: RouterMiddleware {
    /// Whether the server itself speaks TLS.
    let servesTLS: Bool
    /// Reverse proxies whose `X-Forwarded-Proto` is believed.
    let trustedProxies: [IPAddress]

    /// Two years, subdomains included: what the HSTS preload list asks for.
    static let strictTransportSecurity = "max-age=63072000; includeSubDomains"

    func handle(
        _ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // A 404 or a refusal is an answer too: it carries the same headers.
            response = try error.response(from: request, context: context)
        }
        Self.apply(to: &response.headers, overHTTPS: servesTLS || viaTrustedHTTPS(request, context))
        return response
    }

    /// Sets the headers on `headers`, HSTS only `overHTTPS`; removes any `Server` banner.
    static func apply(to headers: inout HTTPFields, overHTTPS: Bool) {
        headers[.contentSecurityPolicy] = Pages.contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPField.Name("Permissions-Policy")!] = "interest-cohort=()"
        headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        headers[.cacheControl] = "no-store"
        headers[.server] = nil
        if overHTTPS { headers[.strictTransportSecurity] = strictTransportSecurity }
    }

    private func viaTrustedHTTPS(_ request: Request, _ context: ServerContext) -> Bool {
        guard request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https",
            let peer = context.remoteAddress?.ipAddress.flatMap(IPAddress.init)
        else { return false }
        return trustedProxies.contains(peer)
    }
}
