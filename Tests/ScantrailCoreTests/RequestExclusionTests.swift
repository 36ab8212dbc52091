import Testing

@testable import ScantrailCore

@Suite("--exclude names requests by method and path template or glob")
struct RequestExclusionTests {
    @Test("METHOD /path and /path alone are read; anything else is refused")
    func parsing() {
        #expect(RequestExclusion(parsing: "GET /seed") == RequestExclusion(method: "GET", path: "/seed"))
        #expect(RequestExclusion(parsing: "delete /users/{id}")?.method == "DELETE")
        #expect(RequestExclusion(parsing: "* /admin/*")?.method == nil)
        #expect(RequestExclusion(parsing: "/reset")?.method == nil)
        for text in ["", "GET", "GET seed", "GET /a /b", "G3T /a"] {
            #expect(RequestExclusion(parsing: text) == nil, "\(text)")
        }
    }

    @Test(
        "a template stands for one segment, a glob for anything; the method must agree; the query is ignored",
        arguments: [
            ("GET /seed", "GET", "/seed", true), ("GET /seed", "get", "/seed?fresh=1", true),
            ("GET /seed", "POST", "/seed", false), ("GET /seed", "GET", "/seeds", false),
            ("GET /orders/{id}", "GET", "/orders/17", true), ("GET /orders/{id}", "GET", "/orders/17/lines", false),
            ("GET /orders/{id}", "GET", "/orders/", false), ("* /admin/*", "DELETE", "/admin/users/3", true),
            ("* /admin/*", "GET", "/administrator", false), ("GET /v*/reset", "GET", "/v2/reset", true),
        ])
    func matching(exclusion: String, method: String, path: String, excluded: Bool) throws {
        let rule = try #require(RequestExclusion(parsing: exclusion))
        #expect(rule.matches(method: method, path: path) == excluded)
    }

    @Test("under a base path the exclusion also names the path beneath it, once")
    func basePath() {
        let seed = RequestExclusion(method: "GET", path: "/seed")
        #expect(seed.resolved(basePath: "/") == [seed])
        #expect(seed.resolved(basePath: "/api/") == [seed, RequestExclusion(method: "GET", path: "/api/seed")])
        let already = RequestExclusion(method: "GET", path: "/api/seed")
        #expect(already.resolved(basePath: "/api") == [already])
    }
}
