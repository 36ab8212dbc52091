import Foundation
import HTTPTypes
import Hummingbird

/// The API's operations as its OpenAPI document lists them, to answer a request no route took:
/// 405 with `Allow` for a known path asked with another method, else a 404 problem document.
struct RouteTable: Sendable {
    /// Each path template's segments (`{id}` matches any one) and its methods.
    private let routes: [(segments: [Substring], methods: [String])]

    /// The table of `document` (OpenAPI JSON); empty when it does not parse.
    init(document: String) {
        let object = (try? JSONSerialization.jsonObject(with: Data(document.utf8))) as? [String: Any]
        let paths = object?["paths"] as? [String: [String: Any]] ?? [:]
        routes = paths.map { path, operations in
            (path.split(separator: "/"), operations.keys.map { $0.uppercased() }.sorted())
        }
    }

    /// The methods the API takes at `path`; empty for an unknown path.
    func methods(at path: String) -> [String] {
        let segments = path.split(separator: "/")
        return routes.first { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }?.methods ?? []
    }
}

/// Turns the router's "no route" into the API's answers (see ``RouteTable``); pages keep theirs.
struct UnmatchedRoutes<Context: RequestContext>: RouterMiddleware {
    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && request.uri.path.hasPrefix("/api/") {
            let methods = table.methods(at: request.uri.path)
            guard !methods.isEmpty else {
                return APIResponses.problem(
                    ServerError(status: .notFound, title: "Not found", detail: "no such API operation"))
            }
            var response = APIResponses.problem(
                ServerError(
                    status: .methodNotAllowed, title: "Method not allowed",
                    detail: "\(request.method.rawValue) is not one of \(methods.joined(separator: ", "))"))
            response.headers[.allow] = methods.joined(separator: ", ")
            return response
        }
    }
}
