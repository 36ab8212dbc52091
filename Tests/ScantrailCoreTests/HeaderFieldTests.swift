import ScantrailCore
import Testing

@Suite("Header names compare without regard to ASCII case")
struct HeaderFieldTests {
    @Test(
        "names match case-insensitively and only letters fold",
        arguments: [
            ("Content-Type", "content-type", true), ("X-API-KEY", "x-api-key", true),
            ("Set-Cookie", "Set-Cookie2", false),
            ("a-b", "a\rb", false), ("ETag", "etah", false),
        ]
    )
    func names(own: String, other: String, expected: Bool) {
        #expect(HeaderField(name: own, value: "v").hasName(other) == expected)
    }

    @Test("first and all find values whatever the case")
    func lookups() {
        let fields = [
            HeaderField(name: "Set-Cookie", value: "a=1"), HeaderField(name: "set-cookie", value: "b=2"),
            HeaderField(name: "Server", value: "x"),
        ]
        #expect(fields.first("SERVER") == "x")
        #expect(fields.all("Set-Cookie") == ["a=1", "b=2"])
    }
}
