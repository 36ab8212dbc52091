import ScantrailCore
import Testing

@Suite("Scan targets are validated before anything is sent")
struct ScanTargetTests {
    @Test(
        "valid base URLs are normalised",
        arguments: [
            ("https://API.example.com", "https", "api.example.com", 443, "/", "https://api.example.com:443"),
            ("http://127.0.0.1:8080/v1", "http", "127.0.0.1", 8080, "/v1", "http://127.0.0.1:8080"),
            ("http://[::1]:9000/", "http", "::1", 9000, "/", "http://[::1]:9000"),
            ("  https://h.example:8443  ", "https", "h.example", 8443, "/", "https://h.example:8443"),
        ]
    )
    func parsesValidURLs(input: String, scheme: String, host: String, port: Int, path: String, origin: String) throws {
        let target = try ScanTarget(parsing: input)
        #expect(target.scheme == scheme)
        #expect(target.host == host)
        #expect(target.port == port)
        #expect(target.basePath == path)
        #expect(target.origin == origin)
    }

    @Test(
        "bad input is rejected with a message naming the problem",
        arguments: [
            ("api.example.com", "has no scheme; did you mean https://api.example.com?"),
            ("localhost:8080", "has no scheme"),
            ("ftp://files.example.com", "unsupported scheme 'ftp'"),
            ("http://user:secret@api.example.com/", "contains credentials"),
            ("http:///path", "has no host"),
            ("http://127.0.0.1:99999/", "port 99999 is outside 1-65535"),
            ("http://a b/", "is not a valid URL"),
        ]
    )
    func rejectsBadInput(input: String, message: String) {
        #expect {
            try ScanTarget(parsing: input)
        } throws: { error in
            String(describing: error).contains(message)
        }
    }

    @Test("the user-facing URL omits default ports but the origin never does")
    func urlAndOrigin() throws {
        let target = try ScanTarget(parsing: "https://api.example.com/base")
        #expect(target.url == "https://api.example.com/base")
        #expect(target.origin == "https://api.example.com:443")
        #expect(target.with(scheme: "http", port: 80).url == "http://api.example.com/base")
    }
}
