import HTTPTypes
import Hummingbird

/// Double-submit CSRF protection for the forms anyone may post (the scan page, the dashboard's
/// sign-in): the form carries a random token the browser also holds in a `SameSite=Strict`,
/// `HttpOnly` cookie; a cross-site post has the one but not the other. The cookie's `__Host-`
/// prefix makes browsers refuse it unless it is `Secure`, for `/` and for this host only, so a
/// sibling subdomain or a cleartext page cannot plant a token of its own.
enum CSRFToken {
    static let cookieName = "__Host-scantrail_csrf"

    static func fresh() -> String { ScanID.random().rawValue }

    static func cookie(_ token: String) -> String {
        "\(cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict; Secure"
    }

    static func matches(_ submitted: String?, cookie header: String?) -> Bool {
        guard let submitted, !submitted.isEmpty else { return false }
        return CookieHeader.values(cookieName, in: header).contains(submitted)
    }

    /// A page holding a fresh token: `render` puts it in the form, the answer sets its cookie.
    static func page(status: HTTPResponse.Status = .ok, _ render: (String) -> String) -> Response {
        let token = fresh()
        var response = WebServer.html(render(token), status: status)
        response.headers[.setCookie] = cookie(token)
        return response
    }

    /// Whether `request` holds a token cookie at all: a post without one is refused unread.
    static func hasCookie(_ request: Request) -> Bool {
        !CookieHeader.values(cookieName, in: request.headers[.cookie]).isEmpty
    }

    /// The 403 page for a form whose token does not match.
    static var expired: Response {
        WebServer.html(Pages.error(.badRequest("the form expired: reload the page")), status: .forbidden)
    }

    /// The 403 page for a posted `form` whose token does not match the request's cookie; `nil`
    /// when it matches.
    static func refusal(_ form: Form, _ request: Request) -> Response? {
        matches(form["csrf"], cookie: request.headers[.cookie]) ? nil : expired
    }
}
