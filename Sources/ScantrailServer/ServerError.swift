import HTTPTypes

/// Why the web service refused a request: an HTTP status and one line for the user, written as
/// `application/problem+json` by the API and as a page by the site.
struct ServerError: Error, Sendable {
    let status: HTTPResponse.Status
    let title: String
    let detail: String

    static func badRequest(_ detail: String) -> ServerError {
        ServerError(status: .badRequest, title: "The request cannot be used", detail: detail)
    }

    static func tooManyRequests(_ detail: String) -> ServerError {
        ServerError(status: .tooManyRequests, title: "Too many scans", detail: detail)
    }

    static let notFound = ServerError(
        status: .notFound, title: "No such scan", detail: "the link is wrong, or the scan is no longer kept")
}
