import Foundation
import HTTPTypes
import Hummingbird

/// A small JSON API with two faces: as shipped by a team in a hurry (version banners, no
/// security headers, cleartext, a `.env` and `.git/config` left in the web root) and as hardened. `scantrail demo` scans the first; tests use
/// both to prove each finding and its absence.
public enum DemoAPI {
    /// Which face the API shows.
    public enum Profile: Sendable {
        /// Discloses its stack and sets no security headers.
        case misconfigured
        /// Sets every header the header checks look for, and discloses nothing.
        case hardened
    }

    /// The headers each response carries under `profile`.
    public static func responseHeaders(_ profile: Profile) -> HTTPFields {
        switch profile {
        case .misconfigured:
            [
                .server: "nginx/1.18.0 (Ubuntu)",
                HTTPField.Name("X-Powered-By")!: "Express 4.17.1",
                .setCookie: "session=demo-session-0001; Path=/",
            ]
        case .hardened:
            [
                .contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'",
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
                HTTPField.Name("X-Frame-Options")!: "DENY",
                HTTPField.Name("Referrer-Policy")!: "no-referrer",
                .strictTransportSecurity: "max-age=31536000; includeSubDomains",
                .cacheControl: "no-store",
            ]
        }
    }

    /// The API's routes with `profile`'s headers on every response.
    public static func router(_ profile: Profile) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ResponseHeadersMiddleware(headers: responseHeaders(profile)))
        router.get("/") { _, _ in
            json(#"{"name":"Demo Orders API","version":"1.4.2","links":{"orders":"/v1/orders"}}"#)
        }
        router.get("/v1/orders") { _, _ in
            json(#"{"orders":[{"id":1041,"total":"19.90"},{"id":1042,"total":"7.50"}]}"#)
        }
        router.get("/health") { _, _ in
            json(#"{"status":"ok"}"#)
        }
        if profile == .misconfigured {
            // Left behind by a careless deploy (the values are made up).
            router.get("/.env") { _, _ in
                text(
                    "APP_ENV=production\nDATABASE_URL=postgres://orders:Tr0ub4dor-demo@db.internal/orders\nJWT_SECRET=demo-not-a-real-secret-0000\n"
                )
            }
            router.get("/.git/config") { _, _ in
                text(
                    "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n[remote \"origin\"]\n\turl = git@git.example.com:shop/orders.git\n"
                )
            }
        }
        return router
    }

    static func text(_ body: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }

    static func json(_ text: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}
