import HTTPTypes
import Hummingbird
import ScantrailApp
import ScantrailStore

/// Why the web service refused a request: an HTTP status and one line for the user, written as
/// `application/problem+json` by the API and as a page by the site.
struct ServerError: Error, Sendable {
    let status: HTTPResponse.Status
    let title: String
    let detail: String
    /// Seconds after which trying again may succeed (`Retry-After`).
    var retryAfter: Int?

    static func badRequest(_ detail: String) -> ServerError {
        ServerError(status: .badRequest, title: "The request cannot be used", detail: detail)
    }

    /// Too many scans now; worth trying again after `retryAfter` seconds.
    static func tooManyRequests(_ detail: String, retryAfter: Int) -> ServerError {
        ServerError(status: .tooManyRequests, title: "Too many scans", detail: detail, retryAfter: retryAfter)
    }

    /// A body larger than the route reads.
    static func tooLarge(limit: Int) -> ServerError {
        ServerError(
            status: .contentTooLarge, title: "Request too large",
            detail: "this request's body may be at most \(limit >> 10) KiB")
    }

    static let notFound = ServerError(
        status: .notFound, title: "No such scan", detail: "the link is wrong, or the scan is no longer kept")
}

extension ServerError {
    static func unauthorized(_ detail: String) -> ServerError {
        ServerError(status: .unauthorized, title: "Authentication required", detail: detail)
    }

    /// A request that needs a key and sent none usable.
    static let keyNeeded = unauthorized("an API key is needed: Authorization: Bearer st_…")

    static func forbidden(_ detail: String) -> ServerError {
        ServerError(status: .forbidden, title: "Not allowed", detail: detail)
    }

    static let noStore = ServerError(
        status: .serviceUnavailable, title: "No evidence store", detail: "this server records nothing")

    static func storeUnavailable(_ error: any Error) -> ServerError {
        ServerError(status: .serviceUnavailable, title: "Evidence store unavailable", detail: "\(error)")
    }

    /// Runs `body`; a store's refusal of a request (an unknown finding, a missing reason) becomes
    /// a 404 or 400, any other failure a 503 or 500, so every error has one `ServerError`.
    static func catching(_ body: () async throws -> Response) async throws(ServerError) -> Response {
        do {
            return try await body()
        } catch let error as ServerError {
            throw error
        } catch let error as StoreError {
            if error.isNotFound { throw ServerError(status: .notFound, title: "Not found", detail: error.description) }
            throw error.isRequestError ? .badRequest(error.description) : .storeUnavailable(error)
        } catch let error as AppError {
            if error.kind == .invalidRequest { throw .badRequest(error.description) }
            if error.kind == .notFound {
                throw ServerError(status: .notFound, title: "Not found", detail: error.description)
            }
            throw ServerError(status: .serviceUnavailable, title: "Unavailable", detail: error.description)
        } catch {
            throw ServerError(status: .internalServerError, title: "Internal error", detail: "the request failed")
        }
    }
}
