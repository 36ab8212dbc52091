import HTTPTypes
import Hummingbird

/// Adds fixed headers to every response, a 404 or another refusal thrown as an error too (and
/// replaces any of the same name).
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
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        for field in headers {
            response.headers[field.name] = field.value
        }
        return response
    }
}
