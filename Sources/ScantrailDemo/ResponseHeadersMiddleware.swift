import HTTPTypes
import Hummingbird

/// Adds fixed headers to every response (and replaces any of the same name).
public struct ResponseHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The headers to add.
    public let headers: HTTPFields

    /// Creates the middleware.
    public init(headers: HTTPFields) {
        self.headers = headers
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        for field in headers {
            response.headers[field.name] = field.value
        }
        return response
    }
}
