import Foundation
import Testing

@testable import ScantrailChecks

@Suite("Security header grammars are read as browsers read them")
struct HeaderGrammarTests {
    @Test("CSP directives map to their lower-cased sources; the first occurrence wins")
    func contentSecurityPolicy() throws {
        let policy = try #require(
            ContentSecurityPolicy(
                "default-src 'self'; Script-Src 'SELF' https://cdn.test; script-src *; frame-ancestors 'none'"))
        #expect(policy.sources(of: "default-src") == ["'self'"])
        #expect(policy.sources(of: "script-src") == ["'self'", "https://cdn.test"])
        #expect(policy.has("frame-ancestors") && !policy.has("object-src"))
        #expect(policy.sources(of: "object-src") == nil)
    }

    @Test("a directive without sources is set, with none; empty parts are skipped")
    func emptyDirective() throws {
        let policy = try #require(ContentSecurityPolicy(";; upgrade-insecure-requests ;"))
        #expect(policy.has("upgrade-insecure-requests"))
        #expect(policy.sources(of: "upgrade-insecure-requests") == [])
    }

    @Test("an absent or blank header is no policy")
    func absent() {
        #expect(ContentSecurityPolicy(nil) == nil)
        #expect(ContentSecurityPolicy("   ") == nil)
    }

    @Test(
        "HSTS max-age and includeSubDomains are read whatever the case, spacing or quoting",
        arguments: [
            ("max-age=31536000; includeSubDomains", 31_536_000, true),
            ("MAX-AGE = \"600\" ;INCLUDESUBDOMAINS", 600, true),
            ("max-age=0", 0, false),
            ("includeSubDomains; preload", nil, true),
            ("max-age=forever", nil, false),
            ("", nil, false),
        ] as [(String, Int?, Bool)])
    func strictTransportSecurity(header: String, maxAge: Int?, subdomains: Bool) {
        let hsts = StrictTransportSecurity(header)
        #expect(hsts.maxAge == maxAge)
        #expect(hsts.includesSubDomains == subdomains)
    }
}

@Suite("The exposure catalogue: every probe says what its real content looks like")
struct ExposureCatalogueTests {
    @Test("paths are unique and absolute, and every probe has a signature or magic bytes")
    func wellFormed() {
        let paths = ExposureCatalogue.probes.map(\.path)
        #expect(Set(paths).count == paths.count)
        #expect(paths.allSatisfy { $0.hasPrefix("/") })
        #expect(ExposureCatalogue.probes.allSatisfy { !$0.signatures.isEmpty || !$0.magic.isEmpty })
    }

    @Test("every signature is a valid regular expression, and magic bytes are even-length hex")
    func compiles() throws {
        for probe in ExposureCatalogue.probes {
            for signature in probe.signatures {
                #expect(throws: Never.self, "\(probe.path): \(signature)") {
                    try NSRegularExpression(pattern: signature)
                }
            }
            for magic in probe.magic {
                #expect(magic.count % 2 == 0 && magic.allSatisfy(\.isHexDigit), "\(probe.path): \(magic)")
            }
        }
    }

    @Test(
        "signatures match real content and not a generic page",
        arguments: [
            ("/.git/config", "[core]\n\trepositoryformatversion = 0\n", true),
            ("/.git/config", "<html><body>Not found</body></html>", false),
            ("/.env", "APP_KEY=base64:abc\nDB_PASSWORD=hunter2\n", true),
            ("/.env", "HELLO=world\n", false),
            ("/.aws/credentials", "[default]\naws_access_key_id = AKIA…\n", true),
        ])
    func matches(path: String, content: String, expected: Bool) throws {
        let probe = try #require(ExposureCatalogue.probes.first { $0.path == path })
        #expect(ExposureCheck.matches(probe, text: content, body: Data(content.utf8)) == expected)
    }

    @Test("the weak-secret dictionary has no duplicates and holds the tutorial defaults")
    func weakSecrets() {
        #expect(Set(WeakSecrets.all).count == WeakSecrets.all.count)
        #expect(WeakSecrets.all.contains("your-256-bit-secret") && WeakSecrets.all.contains("keyboard cat"))
    }
}
