import Foundation
import ScantrailCore
import Testing

@Suite("Secrets never reach stored evidence")
struct RedactionTests {
    @Test(
        "credential headers keep their name, never their value",
        arguments: [
            ("Authorization", "Bearer eyJhbGciOi.secret", "Bearer [REDACTED]"),
            ("Authorization", "opaque-secret", "[REDACTED]"),
            ("Cookie", "session=abc123", "[REDACTED]"),
            ("Set-Cookie", "sid=abc123; Path=/; HttpOnly; Secure", "sid=[REDACTED]; Path=/; HttpOnly; Secure"),
            ("X-API-Key", "k-123", "[REDACTED]"),
            ("X-Acme-Token", "t-123", "[REDACTED]"),
            ("Content-Type", "application/json", "application/json"),
            ("Access-Control-Allow-Credentials", "true", "true"),
            ("WWW-Authenticate", "Bearer realm=\"api\"", "Bearer realm=\"api\""),
        ]
    )
    func headers(name: String, value: String, expected: String) {
        #expect(Redaction.header(HeaderField(name: name, value: value)).value == expected)
    }

    @Test("sensitive query parameters are masked, others kept")
    func query() {
        let url = Redaction.url("https://api.example.com/x?api_key=123&page=2&access_token=abc&code=xyz")
        #expect(!url.contains("123") && !url.contains("abc") && !url.contains("xyz"))
        #expect(url.contains("page=2"))
    }

    @Test("an encoded exchange is redacted and its body cut to the excerpt limit")
    func exchangeEncoding() throws {
        let body = Data(repeating: UInt8(ascii: "a"), count: HTTPExchange.bodyExcerptLimit * 3)
        let exchange = HTTPExchange(
            request: .init(
                method: "GET", url: "https://api.example.com/?token=s3cr3t",
                headers: [HeaderField(name: "Authorization", value: "Bearer s3cr3t")]
            ),
            response: .init(
                status: 200, headers: [HeaderField(name: "Set-Cookie", value: "sid=s3cr3t")],
                body: body, bodyLength: body.count, bodyTruncated: false
            ),
            failure: nil, durationMilliseconds: 3, requestsSent: 1
        )
        let json = String(decoding: try JSONEncoder().encode(exchange), as: UTF8.self)
        #expect(!json.contains("s3cr3t"))
        let decoded = try JSONDecoder().decode(HTTPExchange.self, from: Data(json.utf8))
        #expect(decoded.response?.body.count == HTTPExchange.bodyExcerptLimit)
        #expect(decoded.response?.bodyLength == body.count)
        #expect(decoded.response?.bodyTruncated == true)
    }

    @Test("configured header values are hidden in the configuration a report carries")
    func configuration() throws {
        let configuration = ScanConfiguration(headers: [HeaderField(name: "X-Tenant", value: "acme-private")])
        let json = String(decoding: try JSONEncoder().encode(configuration), as: UTF8.self)
        #expect(!json.contains("acme-private"))
        #expect(json.contains("X-Tenant"))
    }
}
