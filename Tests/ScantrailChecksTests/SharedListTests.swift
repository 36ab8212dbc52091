import Foundation
import HTTPTypes
import Hummingbird
import ScantrailChecks
import ScantrailCore
import ScantrailOpenAPI
import Testing

@Suite("BOLA on the items of a list everyone sees that names each item's owner")
struct SharedListTests {
    /// How a post's detail answers someone who is not its author.
    enum Face {
        /// The whole post, its draft included.
        case leaksDraft
        /// Only to its author.
        case authorOnly
        /// Only what the list shows, to anyone.
        case publicDetail
    }

    static let document = #"""
        {
          "openapi": "3.0.3", "info": { "title": "Posts", "version": "1" },
          "security": [{ "bearer": [] }],
          "paths": {
            "/posts": { "get": { "responses": { "200": { "description": "every post's id, title and author" } } } },
            "/posts/{postId}": {
              "get": {
                "parameters": [{ "name": "postId", "in": "path", "required": true, "schema": { "type": "string" } }],
                "responses": { "200": { "description": "a post" } }
              }
            }
          },
          "components": { "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } } }
        }
        """#

    static func router(_ face: Face) -> Router<BasicRequestContext> {
        let posts = [("p-ann", "ann", "draft: the launch date"), ("p-ben", "ben", "draft: the price")]
        let router = Router()
        @Sendable func caller(_ request: Request) -> String? {
            request.headers[.authorization].map { String($0.dropFirst("Bearer token-".count)) }
        }
        @Sendable func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
            Response(
                status: status, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/posts") { request, _ in
            guard caller(request) != nil else { return json(.unauthorized, "{}") }
            let listed = posts.map { #"{"id":"\#($0.0)","title":"post","author":"\#($0.1)"}"# }
            return json(.ok, #"{"posts":[\#(listed.joined(separator: ","))]}"#)
        }
        router.get("/posts/{postId}") { request, context in
            guard let name = caller(request) else { return json(.unauthorized, "{}") }
            guard let post = posts.first(where: { $0.0 == context.parameters.get("postId") }) else {
                return json(.notFound, "{}")
            }
            let full = #"{"id":"\#(post.0)","title":"post","author":"\#(post.1)","draft":"\#(post.2)"}"#
            switch face {
            case .leaksDraft: return json(.ok, full)
            case .authorOnly: return name == post.1 ? json(.ok, full) : json(.notFound, "{}")
            case .publicDetail: return json(.ok, #"{"id":"\#(post.0)","title":"post","author":"\#(post.1)"}"#)
            }
        }
        return router
    }

    static func outcome(_ face: Face) async throws -> Outcome? {
        let inventory = try await OpenAPIImporter.importDocument(Data(document.utf8), source: "posts.json") { _ in
            Data()
        }
        let identities = ["ann", "ben"].map {
            Identity(name: $0, role: "member", credential: .header(name: "Authorization", value: "Bearer token-\($0)"))
        }
        let outcomes = try await CheckHarness.outcomes(
            of: AuthorizationCheck(api: APIUnderTest(inventory: inventory, identities: identities)),
            servedBy: router(face))
        return outcomes.first { $0.location.path == "/posts/{postId}" }
    }

    @Test("a peer reading the listed owner's post with its draft fails; the list's own fields alone would not")
    func leaksDraft() async throws {
        let outcome = try #require(try await Self.outcome(.leaksDraft))
        #expect(outcome.status == .failed && outcome.detail.contains("the detail adds draft"), "\(outcome.detail)")
        #expect(outcome.location.discriminator == "item a shared list names the owner of")
    }

    @Test("the author alone reads the draft: passes; a detail that shows only what the list shows: passes")
    func hardened() async throws {
        let authorOnly = try #require(try await Self.outcome(.authorOnly))
        #expect(authorOnly.status == .passed, "\(authorOnly.detail)")
        let publicDetail = try #require(try await Self.outcome(.publicDetail))
        #expect(publicDetail.status == .passed && publicDetail.detail.contains("only what the list shows"))
    }
}
