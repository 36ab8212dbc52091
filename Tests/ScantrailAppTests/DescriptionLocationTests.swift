import Testing

@testable import ScantrailApp

@Suite("Where a description lives is decided once, where the text comes in")
struct DescriptionLocationTests {
    @Test(
        "an operator's http(s) URL is a URL in any spelling of its scheme, spaces trimmed; anything else is a file",
        arguments: [
            ("https://api.example.com/openapi.json", DescriptionLocation.url("https://api.example.com/openapi.json")),
            ("HTTP://api.example.com/openapi.json", .url("http://api.example.com/openapi.json")),
            (" HttpS://api.example.com/a.yaml\n", .url("https://api.example.com/a.yaml")),
            ("openapi.yaml", .file("openapi.yaml")),
            ("./specs/openapi.yaml", .file("./specs/openapi.yaml")),
            ("/srv/api/openapi.json", .file("/srv/api/openapi.json")),
            ("C:\\specs\\openapi.json", .file("C:\\specs\\openapi.json")),
        ])
    func operatorInput(text: String, expected: DescriptionLocation) throws {
        #expect(try DescriptionLocation(parsing: text) == expected)
    }

    @Test("a URL without a host, with credentials, or an empty value is refused")
    func refusedOperatorInput() {
        for text in ["http://", "https:///openapi.json", "http://user:pw@api.example.com/a.json", "  "] {
            #expect(throws: AppError.self, "\(text)") { try DescriptionLocation(parsing: text) }
        }
    }

    @Test("a remote caller's value is a URL or refused, never a file, and the refusal does not repeat it")
    func remoteInput() throws {
        #expect(
            try DescriptionLocation.remote(" HTTPS://api.example.com/o.json") == .url("https://api.example.com/o.json"))
        for text in ["/etc/passwd", "file:///etc/passwd", "FILE:/etc/passwd", "../../etc/passwd", "etc/passwd", "~/x"] {
            do {
                let location = try DescriptionLocation.remote(text)
                Issue.record("\(text) was taken as \(location)")
            } catch {
                #expect(!error.description.contains("passwd"), "\(error)")
            }
        }
    }

    @Test("the host of a URL is in the scan's scope; a file has none")
    func host() {
        #expect(DescriptionLocation.url("https://[::1]:8443/openapi.json").host == "::1")
        #expect(DescriptionLocation.file("/srv/openapi.json").host == nil)
    }
}
